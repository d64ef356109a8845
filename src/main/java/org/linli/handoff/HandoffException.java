package org.linli.handoff;

/**
 * A work order action that cannot be done, with a stable {@code code} (a message key) and a kind
 * that the web layer turns into an HTTP status.
 */
public class HandoffException extends RuntimeException {

  /** Why the action failed. */
  public enum Kind {
    NOT_FOUND,
    FORBIDDEN,
    CONFLICT,
    INVALID
  }

  private final Kind kind;
  private final String code;

  public HandoffException(Kind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  static HandoffException notFound(String number) {
    return new HandoffException(Kind.NOT_FOUND, "error.ticket.notFound", "no work order " + number);
  }

  static HandoffException forbidden(String what) {
    return new HandoffException(Kind.FORBIDDEN, "error.ticket.forbidden", what);
  }

  static HandoffException conflict(String code, String what) {
    return new HandoffException(Kind.CONFLICT, code, what);
  }

  static HandoffException invalid(String code, String what) {
    return new HandoffException(Kind.INVALID, code, what);
  }
}
