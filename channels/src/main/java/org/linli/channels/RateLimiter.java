package org.linli.channels;

import java.time.Duration;

/**
 * Limits how fast one source may send: channel adapters call it before they hand a message on,
 * and answer a refusal on their own channel in friendly words (never by dropping the message
 * silently). The application implements it; keys are {@code policy:subject}, for example
 * {@code address:203.0.113.7}, {@code conversation:6f0c...} or {@code resident:wechat:<openid>}, and
 * the policy part chooses the configured capacity. The implementation replaces the part after
 * the policy by a keyed hash before storing it and never logs it, so adapters may pass a phone
 * number or openid as it is (for example {@code resident:sms:+8613800000000}).
 */
public interface RateLimiter {

  /** Takes one token from the bucket of {@code key}. */
  Verdict tryConsume(String key);

  /** Whether a message may go on, and if not, when the next one may. */
  record Verdict(boolean allowed, Duration retryAfter) {

    public static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);

    /** Whole seconds to wait, at least 1: the value of an HTTP {@code Retry-After} header. */
    public long retryAfterSeconds() {
      long s = (retryAfter.toMillis() + 999) / 1000;
      return Math.max(1, s);
    }
  }

  /** A limiter that allows everything (rate limiting switched off). */
  RateLimiter UNLIMITED = key -> Verdict.ALLOWED;
}
