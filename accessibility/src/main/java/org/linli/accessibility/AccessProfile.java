package org.linli.accessibility;

import java.util.Locale;
import java.util.Objects;

/**
 * How a resident takes in an answer: how long the first form may be, how long a sentence, how fast
 * speech is, whether options are numbered for keys, whether pictures are offered, and how many
 * choices are shown at once.
 *
 * <p>There are six base profiles ({@link Kind}); each can be made slower and shorter up to
 * {@link #MAX_SLOWER} times with {@link #slower()} (the resident says 慢一点 or presses #). A
 * profile is stored by its {@link #code()}: the base code ({@code "elder"}) or, for slowed
 * variants, the base code with a suffix ({@code "elder+slow"}, {@code "elder+slow2"}).
 *
 * @param kind the base profile
 * @param firstFormMaxChars the most characters of the first (short) form; Chinese characters or
 *     Latin letters alike
 * @param firstFormMaxSentences the most sentences of the first form
 * @param maxSentenceChars the longest Chinese sentence, in characters, before it is split at a clause
 * @param maxSentenceWords the longest English sentence, in words, before it is split at a clause
 * @param speechRate relative speech rate, 1.0 normal; below 1 is slower
 * @param numberedOptions whether options are numbered so they can be chosen with a key or a digit
 * @param offersPictures whether pictures are shown next to choices (kiosk, WeChat)
 * @param maxChoices the most choices offered at once; more become a "more choices" option
 * @param slowerSteps how many times {@link #slower()} has been applied (0 for a base profile)
 */
public record AccessProfile(
    Kind kind,
    int firstFormMaxChars,
    int firstFormMaxSentences,
    int maxSentenceChars,
    int maxSentenceWords,
    double speechRate,
    boolean numberedOptions,
    boolean offersPictures,
    int maxChoices,
    int slowerSteps) {

  /** How many times a profile can be made slower. */
  public static final int MAX_SLOWER = 2;

  /** The base profiles, with stable lower-case codes. */
  public enum Kind {
    /** Anyone: the WeChat and web default. */
    STANDARD("standard"),
    /** Older residents: the default for voice and kiosk. Shorter, slower, numbered, pictures. */
    ELDER("elder"),
    /** Poor eyesight: short text (shown large by the channel), numbered options. */
    LOW_VISION("low_vision"),
    /** Blind, or listening only: short spoken sentences, every option numbered, no pictures. */
    VOICE_ONLY("voice_only"),
    /** Deaf or hard of hearing: text only, plain and fairly short (Chinese may be a second language). */
    TEXT_ONLY("text_only"),
    /** Reads with difficulty: very short sentences, few choices, pictures. */
    LOW_LITERACY("low_literacy");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stable lower-case code. */
    public String code() {
      return code;
    }
  }

  public static final AccessProfile STANDARD =
      new AccessProfile(Kind.STANDARD, 120, 3, 40, 25, 1.0, false, false, 6, 0);
  public static final AccessProfile ELDER =
      new AccessProfile(Kind.ELDER, 60, 2, 25, 15, 0.85, true, true, 4, 0);
  public static final AccessProfile LOW_VISION =
      new AccessProfile(Kind.LOW_VISION, 80, 2, 30, 18, 1.0, true, false, 4, 0);
  public static final AccessProfile VOICE_ONLY =
      new AccessProfile(Kind.VOICE_ONLY, 80, 2, 25, 15, 1.0, true, false, 4, 0);
  public static final AccessProfile TEXT_ONLY =
      new AccessProfile(Kind.TEXT_ONLY, 100, 3, 30, 18, 1.0, false, true, 6, 0);
  public static final AccessProfile LOW_LITERACY =
      new AccessProfile(Kind.LOW_LITERACY, 40, 2, 15, 10, 0.85, true, true, 3, 0);

  private static final String SLOW_SUFFIX = "+slow";

  public AccessProfile {
    Objects.requireNonNull(kind, "kind");
    if (firstFormMaxChars < 10 || firstFormMaxSentences < 1 || maxSentenceChars < 8
        || maxSentenceWords < 5 || maxChoices < 2) {
      throw new IllegalArgumentException("profile limits too small: " + kind);
    }
    if (!(speechRate >= 0.3 && speechRate <= 3.0)) {
      throw new IllegalArgumentException("speech rate out of range: " + speechRate);
    }
    if (slowerSteps < 0 || slowerSteps > MAX_SLOWER) {
      throw new IllegalArgumentException("slowerSteps out of range: " + slowerSteps);
    }
  }

  /** The base profile of a kind. */
  public static AccessProfile of(Kind kind) {
    return switch (kind) {
      case STANDARD -> STANDARD;
      case ELDER -> ELDER;
      case LOW_VISION -> LOW_VISION;
      case VOICE_ONLY -> VOICE_ONLY;
      case TEXT_ONLY -> TEXT_ONLY;
      case LOW_LITERACY -> LOW_LITERACY;
    };
  }

  /** The default profile for a channel: elder for voice and kiosk, standard elsewhere. */
  public static AccessProfile defaultFor(Channel channel) {
    return switch (channel) {
      case VOICE, KIOSK -> ELDER;
      case WECHAT, SMS, WEB -> STANDARD;
    };
  }

  /**
   * The slower, shorter variant: speech 15% slower (not below 0.6), one sentence less in the first
   * form, shorter sentences and one choice fewer at once. Returns this profile when it is already
   * as slow as it goes.
   */
  public AccessProfile slower() {
    if (slowerSteps >= MAX_SLOWER) {
      return this;
    }
    return new AccessProfile(
        kind,
        Math.max(30, firstFormMaxChars * 3 / 4),
        Math.max(1, firstFormMaxSentences - 1),
        Math.max(12, maxSentenceChars * 4 / 5),
        Math.max(8, maxSentenceWords * 4 / 5),
        Math.max(0.6, Math.round(speechRate * 0.85 * 100) / 100.0),
        true,
        offersPictures,
        Math.max(2, maxChoices - 1),
        slowerSteps + 1);
  }

  /** The base profile this one was made slower from (itself for a base profile). */
  public AccessProfile base() {
    return of(kind);
  }

  /** The stable code: {@code "elder"}, {@code "elder+slow"}, {@code "elder+slow2"}. */
  public String code() {
    return switch (slowerSteps) {
      case 0 -> kind.code();
      case 1 -> kind.code() + SLOW_SUFFIX;
      default -> kind.code() + SLOW_SUFFIX + slowerSteps;
    };
  }

  /**
   * Parses a code written by {@link #code()}; case and surrounding space are ignored, and {@code -}
   * is accepted for {@code _} ({@code low-vision}).
   *
   * @throws IllegalArgumentException for an unknown code
   */
  public static AccessProfile parse(String code) {
    if (code == null) {
      throw new IllegalArgumentException("no access profile code");
    }
    String c = code.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    int steps = 0;
    int plus = c.indexOf(SLOW_SUFFIX);
    if (plus >= 0) {
      String rest = c.substring(plus + SLOW_SUFFIX.length());
      steps = rest.isEmpty() ? 1 : parseSteps(rest, code);
      c = c.substring(0, plus);
    }
    for (Kind k : Kind.values()) {
      if (k.code().equals(c)) {
        AccessProfile p = of(k);
        for (int i = 0; i < steps; i++) {
          p = p.slower();
        }
        return p;
      }
    }
    throw new IllegalArgumentException("unknown access profile: " + code);
  }

  private static int parseSteps(String digits, String code) {
    try {
      int n = Integer.parseInt(digits);
      if (n >= 1 && n <= MAX_SLOWER) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("unknown access profile: " + code);
  }

  /** Speech rate as an SSML prosody percentage, e.g. {@code "85%"}. */
  public String prosodyRate() {
    return Math.round(speechRate * 100) + "%";
  }
}
