package org.linli.dialog;

import java.util.List;

/** The names of the {@link DialogueState} slots the policy keeps, in one place. */
final class Slots {
  static final String LANG = "lang";
  static final String TURNS = "turns";
  static final String MISSES = "misses";
  static final String PENDING = "pending";
  static final String CLARIFY_ROUNDS = "clarifyRounds";
  static final String LAST_DOC = "lastDoc";
  static final String LAST_TEXT = "last.text";
  static final String LAST_SOURCES = "last.sources";
  static final String LAST_OPTIONS = "last.options";
  /** The resident asked for slower, shorter output: the application adjusts the access profile. */
  static final String SLOWER = "slower";

  static final String STEP_WHAT = "report.what";
  static final String STEP_WHERE = "report.where";
  static final String STEP_CONTACT = "report.contact";
  static final String STEP_CONFIRM = "report.confirm";

  static final String STEP_EMERGENCY = "emergency.confirm";
  static final String EMERGENCY_TEXT = "emergency.text";

  /** Set by the application when it asks for a rating: {@code pending=rating}. */
  static final String STEP_RATING = "rating";
  static final String STEP_RATING_COMMENT = "rating.comment";
  /** Set by the application with {@code pending=rating}: the order being rated. */
  static final String RATING_TICKET = "rating.ticket";
  static final String RATING_SCORE = "rating.score";

  static final String REPORT_WHAT = "form.what";
  static final String REPORT_WHERE = "form.where";
  /** Personal data: slots named {@code pii.*} are encrypted at rest by the application. */
  static final String REPORT_PHONE = DialogueState.PII_PREFIX + "form.phone";
  static final String REPORT_NO_PHONE = "form.noPhone";

  private static final String OPTION = "opt.";
  private static final int MAX_OPTIONS = 9;

  static String option(int digit) {
    return OPTION + digit;
  }

  /** Numbered options 1..n of the last reply, so that a key press or a digit can choose one. */
  static DialogueState withOptions(DialogueState state, List<Reply.Option> options) {
    DialogueState s = state;
    for (int i = 1; i <= MAX_OPTIONS; i++) {
      s = s.with(option(i), i <= options.size() ? options.get(i - 1).value() : null);
    }
    return s;
  }

  private Slots() {}
}
