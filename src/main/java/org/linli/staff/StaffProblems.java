package org.linli.staff;

import org.linli.handoff.HandoffException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the staff API as RFC 9457 problem details with a stable {@code code}. */
@RestControllerAdvice(assignableTypes = {StaffApiController.class, AdminApiController.class})
class StaffProblems {

  private final MessageSource messages;

  StaffProblems(MessageSource messages) {
    this.messages = messages;
  }

  @ExceptionHandler(HandoffException.class)
  ProblemDetail handoff(HandoffException e) {
    HttpStatus status =
        switch (e.kind()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
          case INVALID -> HttpStatus.BAD_REQUEST;
        };
    return problem(status, e.code());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "error.request.invalid");
    p.setDetail(p.getDetail() + " " + e.getMessage());
    return p;
  }

  private ProblemDetail problem(HttpStatus status, String code) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            status, messages.getMessage(code, null, code, LocaleContextHolder.getLocale()));
    p.setProperty("code", code);
    return p;
  }
}
