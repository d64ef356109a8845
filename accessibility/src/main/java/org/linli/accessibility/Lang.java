package org.linli.accessibility;

import java.util.Locale;

/**
 * The language an answer is written and rendered in. Chinese (Simplified, Mandarin) first.
 *
 * <p>Kept local to this module on purpose: {@code accessibility} must not depend on
 * {@code knowledge} or {@code dialog}, so callers map their own language type with {@link #parse}.
 */
public enum Lang {
  ZH("zh", Locale.SIMPLIFIED_CHINESE),
  EN("en", Locale.ENGLISH);

  private final String code;
  private final Locale locale;

  Lang(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  /** The lower-case language code, {@code "zh"} or {@code "en"}. */
  public String code() {
    return code;
  }

  /** The locale used to pick message bundles. */
  public Locale locale() {
    return locale;
  }

  /**
   * Parses {@code zh}, {@code zh-CN}, {@code zh_Hans}, {@code cmn}, {@code en}, {@code en-GB} and similar.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Lang parse(String value) {
    if (value != null) {
      String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      if (v.equals("zh") || v.startsWith("zh-") || v.equals("cmn") || v.startsWith("cmn-")) {
        return ZH;
      }
      if (v.equals("en") || v.startsWith("en-")) {
        return EN;
      }
    }
    throw new IllegalArgumentException("unknown language: " + value + " (expected zh or en)");
  }
}
