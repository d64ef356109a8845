package org.linli.channels.web;

import java.util.Locale;
import org.linli.channels.ChannelMessages;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the web chat API as RFC 9457 problem details, with a {@code detail} a person can act
 * on in the client's language (Chinese unless it asks for English) and a stable {@code code}.
 */
@RestControllerAdvice(assignableTypes = WebChatController.class)
class WebChatProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidChatRequestException.class)
  ProblemDetail invalid(InvalidChatRequestException e) {
    return problem(
        HttpStatus.BAD_REQUEST, e.code(), ChannelMessages.get(locale(), e.code(), e.args()));
  }

  @ExceptionHandler(WebChatController.ConversationNotFoundException.class)
  ProblemDetail notFound() {
    return problem(
        HttpStatus.NOT_FOUND,
        "error.conversation.notFound",
        ChannelMessages.get(locale(), "error.conversation.notFound"));
  }

  /** Friendly words and the time to wait; the client keeps the resident's text to send again. */
  @ExceptionHandler(WebChatController.RateLimitedException.class)
  ResponseEntity<ProblemDetail> rateLimited(WebChatController.RateLimitedException e) {
    ProblemDetail body =
        problem(
            HttpStatus.TOO_MANY_REQUESTS,
            "error.rateLimited",
            ChannelMessages.get(locale(), "error.rateLimited", e.retryAfterSeconds));
    body.setProperty("retryAfterSeconds", e.retryAfterSeconds);
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds))
        .body(body);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail body =
        problem(
            HttpStatus.BAD_REQUEST,
            "error.json.malformed",
            ChannelMessages.get(locale(), "error.json.malformed"));
    return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** The client's language from Accept-Language; Chinese when it names none (spring.web.locale). */
  private static Locale locale() {
    return LocaleContextHolder.getLocale();
  }

  static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("code", code);
    return problem;
  }
}
