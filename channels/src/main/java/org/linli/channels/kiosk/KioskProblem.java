package org.linli.channels.kiosk;

import org.springframework.http.HttpStatus;

/** A kiosk or speech request that cannot be answered; {@code code} names the bundle key. */
final class KioskProblem extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final transient String spokenText;
  private final transient String lang;

  KioskProblem(HttpStatus status, String code) {
    this(status, code, null, null);
  }

  KioskProblem(HttpStatus status, String code, String lang, String spokenText) {
    super(code);
    this.status = status;
    this.code = code;
    this.lang = lang;
    this.spokenText = spokenText;
  }

  HttpStatus status() {
    return status;
  }

  String code() {
    return code;
  }

  String lang() {
    return lang;
  }

  String spokenText() {
    return spokenText;
  }
}
