package org.linli.dataprotection;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Malformed JSON, wrong media types and the like as RFC 9457 problem details. (Spring Boot's own
 * global handler is off, because the web chat API has a handler of its own.)
 */
@RestControllerAdvice(assignableTypes = ResidentDataController.class)
class ResidentDataProblems extends ResponseEntityExceptionHandler {}
