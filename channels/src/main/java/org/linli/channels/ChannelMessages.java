package org.linli.channels;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Words channel adapters show people (errors, notices), from {@code
 * org/linli/channels/messages_*.properties}: Chinese unless the client asked for English.
 */
public final class ChannelMessages {

  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private ChannelMessages() {}

  /** Chinese unless {@code locale} is English. */
  public static String get(Locale locale, String key, Object... args) {
    Locale chosen =
        locale != null && "en".equals(locale.getLanguage())
            ? Locale.ENGLISH
            : Locale.SIMPLIFIED_CHINESE;
    String pattern =
        ResourceBundle.getBundle("org.linli.channels.messages", chosen, NO_FALLBACK).getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, chosen).format(args);
  }
}
