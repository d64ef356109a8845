package org.linli.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval how often the dispatcher looks for due messages
 * @param maxAttempts attempts before a message is marked failed and shown to staff
 * @param firstRetry the wait after the first failure; it doubles on each further failure
 * @param maxRetry the longest wait between two attempts
 * @param stuckAfter a message claimed for sending this long ago (a node died mid-send) is retried
 */
@ConfigurationProperties("linli.outbox")
public record OutboxProperties(
    Duration interval, int maxAttempts, Duration firstRetry, Duration maxRetry, Duration stuckAfter) {

  public OutboxProperties {
    interval = interval == null ? Duration.ofSeconds(2) : interval;
    maxAttempts = maxAttempts <= 0 ? 6 : maxAttempts;
    firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
    maxRetry = maxRetry == null ? Duration.ofHours(1) : maxRetry;
    stuckAfter = stuckAfter == null ? Duration.ofMinutes(5) : stuckAfter;
  }

  Duration backoff(int attempts) {
    Duration d = firstRetry.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
    return d.compareTo(maxRetry) > 0 ? maxRetry : d;
  }
}
