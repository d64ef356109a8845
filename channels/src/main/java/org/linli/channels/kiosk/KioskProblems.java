package org.linli.channels.kiosk;

import org.linli.channels.ChannelMessages;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Kiosk and speech errors as RFC 9457 problem details with a stable {@code code}. */
@RestControllerAdvice(assignableTypes = {KioskController.class, SpeechController.class})
class KioskProblems {

  @ExceptionHandler(KioskProblem.class)
  ProblemDetail problem(KioskProblem e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            e.status(), ChannelMessages.get(LocaleContextHolder.getLocale(), e.code()));
    problem.setProperty("code", e.code());
    if (e.lang() != null) {
      problem.setProperty("lang", e.lang());
    }
    if (e.spokenText() != null) {
      // The page can still speak it with the browser's own voice, in the listener's form.
      problem.setProperty("spokenText", e.spokenText());
    }
    return problem;
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missing(MissingServletRequestParameterException e) {
    String code = "error.param.missing";
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            ChannelMessages.get(LocaleContextHolder.getLocale(), code, e.getParameterName()));
    problem.setProperty("code", code);
    return problem;
  }
}
