package org.linli.dialog;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import org.linli.knowledge.Lang;

/**
 * The words the dialogue says, from {@code org/linli/dialog/messages_*.properties} (zh_CN first,
 * en second), so wording can be improved without touching code.
 */
public final class Messages {

  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final ResourceBundle zh;
  private final ResourceBundle en;

  public Messages() {
    this.zh = ResourceBundle.getBundle("org.linli.dialog.messages", Locale.SIMPLIFIED_CHINESE, NO_FALLBACK);
    this.en = ResourceBundle.getBundle("org.linli.dialog.messages", Locale.ENGLISH, NO_FALLBACK);
  }

  public String get(Lang lang, String key, Object... args) {
    String pattern = (lang == Lang.EN ? en : zh).getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale(lang)).format(args);
  }

  private static Locale locale(Lang lang) {
    return lang == Lang.EN ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
  }
}
