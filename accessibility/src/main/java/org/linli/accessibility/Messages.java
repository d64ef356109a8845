package org.linli.accessibility;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.ResourceBundle;

/** Resident-facing words from {@code messages_zh_CN} / {@code messages_en}, loaded once. */
final class Messages {
  private static final String BASE = "org.linli.accessibility.messages";

  private static final class Holder {
    // No fallback to the JVM's default locale: an English answer must never pick up Chinese words.
    static final Map<Lang, ResourceBundle> BUNDLES = new EnumMap<>(Lang.class);

    static {
      ResourceBundle.Control noFallback =
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
      for (Lang lang : Lang.values()) {
        BUNDLES.put(lang, ResourceBundle.getBundle(BASE, lang.locale(), noFallback));
      }
    }
  }

  private Messages() {}

  static String get(Lang lang, String key, Object... args) {
    String pattern = Holder.BUNDLES.get(lang).getString(key);
    if (args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern, lang.locale()).format(args);
  }
}
