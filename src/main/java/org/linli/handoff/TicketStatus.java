package org.linli.handoff;

import java.util.Locale;
import java.util.Optional;

/** The lifecycle of a work order: new -> claimed -> in progress -> (waiting) -> resolved -> closed. */
public enum TicketStatus {
  NEW,
  CLAIMED,
  IN_PROGRESS,
  WAITING_RESIDENT,
  RESOLVED,
  CLOSED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean open() {
    return this != RESOLVED && this != CLOSED;
  }

  public static Optional<TicketStatus> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    for (TicketStatus s : values()) {
      if (s.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
