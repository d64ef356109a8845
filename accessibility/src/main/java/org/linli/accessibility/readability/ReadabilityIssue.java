package org.linli.accessibility.readability;

import java.util.Objects;

/**
 * One place in a knowledge document that is hard for older or low-literacy readers.
 *
 * @param file the document, as the caller named it
 * @param line 1-based line where the problem starts
 * @param rule which rule found it
 * @param message what to change, in the checker's message language
 */
public record ReadabilityIssue(String file, int line, Rule rule, String message) {

  /** The readability rules, with stable codes for reports and suppression lists. */
  public enum Rule {
    SENTENCE_LENGTH("sentence-length"),
    TOO_MANY_NUMBERS("too-many-numbers"),
    JARGON("jargon"),
    ABBREVIATION("abbreviation"),
    MISSING_SUMMARY("missing-summary");

    private final String code;

    Rule(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public ReadabilityIssue {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line: [rule] message}, the way compilers and linters print. */
  @Override
  public String toString() {
    return file + ":" + line + ": [" + rule.code() + "] " + message;
  }
}
