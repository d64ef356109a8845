package org.linli.dialog;

import java.util.Locale;
import java.util.Optional;

/** The ways residents reach Linli. Stable lower-case codes are stored and used in APIs. */
public enum Channel {
  WEB,
  KIOSK,
  SMS,
  VOICE,
  WECHAT,
  SHELL;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    for (Channel c : values()) {
      if (c.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
