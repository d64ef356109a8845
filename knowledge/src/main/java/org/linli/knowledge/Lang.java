package org.linli.knowledge;

import java.util.Locale;
import java.util.Optional;

/** The languages Linli answers in. Chinese (simplified, zh-CN) first, English second. */
public enum Lang {
  ZH("zh"),
  EN("en");

  private final String code;

  Lang(String code) {
    this.code = code;
  }

  /** The ISO 639-1 code used in documents, APIs and the database. */
  public String code() {
    return code;
  }

  /** Parses "zh"/"en" (case-insensitive, region ignored, e.g. "zh-CN"); empty for anything else. */
  public static Optional<Lang> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.trim().toLowerCase(Locale.ROOT);
    int dash = c.indexOf('-');
    if (dash > 0) {
      c = c.substring(0, dash);
    }
    for (Lang lang : values()) {
      if (lang.code.equals(c)) {
        return Optional.of(lang);
      }
    }
    return Optional.empty();
  }
}
