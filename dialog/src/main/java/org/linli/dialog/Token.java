package org.linli.dialog;

import java.util.Optional;

/**
 * The values of the options the policy offers. A channel sends an option's value back as the text
 * of the next message (a kiosk or WeChat button), or the resident presses its number (SMS, voice),
 * which the policy maps to the value through the state.
 */
record Token(Kind kind, String argument) {

  enum Kind {
    PERSON,
    MORE,
    DOC,
    YES,
    NO,
    MENU_ASK,
    MENU_REPORT,
    MENU_STATUS
  }

  static final Token PERSON = new Token(Kind.PERSON, "");
  static final Token YES = new Token(Kind.YES, "");
  static final Token NO = new Token(Kind.NO, "");
  static final Token MENU_ASK = new Token(Kind.MENU_ASK, "");
  static final Token MENU_REPORT = new Token(Kind.MENU_REPORT, "");
  static final Token MENU_STATUS = new Token(Kind.MENU_STATUS, "");

  static String more(String docId) {
    return new Token(Kind.MORE, docId).value();
  }

  static String doc(String docId) {
    return new Token(Kind.DOC, docId).value();
  }

  /** The wire form: {@code @person}, {@code @more:elderly-allowance}, ... */
  String value() {
    String name = "@" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    return argument.isEmpty() ? name : name + ":" + argument;
  }

  static Optional<Token> parse(String text) {
    if (text == null || !text.startsWith("@") || text.length() > 80) {
      return Optional.empty();
    }
    int colon = text.indexOf(':');
    String name = (colon < 0 ? text.substring(1) : text.substring(1, colon)).replace('-', '_');
    String argument = colon < 0 ? "" : text.substring(colon + 1);
    if (!argument.matches("[a-z0-9-]*")) {
      return Optional.empty();
    }
    for (Kind kind : Kind.values()) {
      if (kind.name().equalsIgnoreCase(name)) {
        boolean needsArgument = kind == Kind.MORE || kind == Kind.DOC;
        return needsArgument == !argument.isEmpty()
            ? Optional.of(new Token(kind, argument))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
