package org.linli.channels.web;

/** A chat request that cannot be handled; {@code code} names the message-bundle key. */
final class InvalidChatRequestException extends RuntimeException {
  private final String code;
  private final transient Object[] args;

  InvalidChatRequestException(String code, Object... args) {
    super(code);
    this.code = code;
    this.args = args;
  }

  String code() {
    return code;
  }

  Object[] args() {
    return args;
  }
}
