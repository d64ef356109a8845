package org.linli.staff;

import org.linli.handoff.HandoffException;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the staff API as RFC 9457 problem details with a stable {@code code}. */
@RestControllerAdvice(assignableTypes = {StaffApiController.class, AdminApiController.class, HomeVisitApiController.class})
class StaffProblems extends ResponseEntityExceptionHandler {

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

  /** The thing to create exists already (a user name, a proxy), perhaps created by another node. */
  @ExceptionHandler(DuplicateKeyException.class)
  ProblemDetail conflict(DuplicateKeyException e) {
    return problem(HttpStatus.CONFLICT, "error.request.conflict");
  }

  /** Malformed JSON, invalid UTF-8, wrong types: one clear message instead of a parser's words. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return handleExceptionInternal(
        ex, problem(HttpStatus.BAD_REQUEST, "error.json.malformed"), headers, HttpStatus.BAD_REQUEST, request);
  }

  private ProblemDetail problem(HttpStatus status, String code) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            status, messages.getMessage(code, null, code, LocaleContextHolder.getLocale()));
    p.setProperty("code", code);
    return p;
  }
}
