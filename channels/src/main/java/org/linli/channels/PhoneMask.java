package org.linli.channels;

/**
 * Masks a phone number for log lines (+86138****5678): channels log events, never contacts. The
 * application's {@code PersonalData.mask} does the same for what it stores and shows.
 */
public final class PhoneMask {

  private PhoneMask() {}

  public static String mask(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    int n = value.length();
    if (n <= 4) {
      return "*".repeat(n);
    }
    if (n < 9) {
      return "*".repeat(n - 2) + value.substring(n - 2);
    }
    int keep = value.startsWith("+") ? 6 : 3;
    keep = Math.min(keep, n - 4);
    return value.substring(0, keep) + "*".repeat(n - keep - 4) + value.substring(n - 4);
  }
}
