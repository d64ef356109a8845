package org.linli.channels;

/**
 * What text a resident or member of staff may send. Tabs and line breaks are text; other control
 * characters (NUL, escape, ...) are not, and PostgreSQL refuses NUL outright. A lone UTF-16
 * surrogate (possible in JSON as {@code "\ud800"}) is no character at all and would be stored as
 * "?". Emoji, right-to-left marks and any other printable character are accepted.
 */
public final class InputText {

  private InputText() {}

  /** True when {@code s} holds a control character other than tab, CR, LF, or a lone surrogate. */
  public static boolean hasForbiddenCharacters(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return true;
      }
    }
    return false;
  }
}
