package org.linli.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.linli.channels.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets (Bucket4j) per key. The policy, the part of the key before the first ':', chooses
 * the capacity and refill period. The rest of the key (an address, a phone number, an openid) is
 * replaced by a keyed hash before it reaches the store, and is never logged.
 */
public final class BucketRateLimiter implements RateLimiter {

  private static final Logger log = LoggerFactory.getLogger(BucketRateLimiter.class);

  private final RateLimitProperties properties;
  private final BucketStore store;
  private final UnaryOperator<String> hashSubject;

  BucketRateLimiter(RateLimitProperties properties, BucketStore store, UnaryOperator<String> hashSubject) {
    this.properties = properties;
    this.store = store;
    this.hashSubject = hashSubject;
  }

  @Override
  public Verdict tryConsume(String key) {
    if (!properties.enabled()) {
      return Verdict.ALLOWED;
    }
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Verdict.ALLOWED;
    }
    log.info("event=rate_limited policy={}", policyOf(key));
    return new Verdict(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** True when the bucket of {@code key} is empty; takes nothing from it. */
  public boolean exhausted(String key) {
    return properties.enabled()
        && bucket(key).getAvailableTokens() < 1;
  }

  private Bucket bucket(String key) {
    String policy = policyOf(key);
    String subject = key.indexOf(':') < 0 ? key : key.substring(key.indexOf(':') + 1);
    return store.bucket(policy + ":" + hashSubject.apply(subject), () -> configuration(policy));
  }

  static String policyOf(String key) {
    int colon = key.indexOf(':');
    return colon < 0 ? "default" : key.substring(0, colon);
  }

  private BucketConfiguration configuration(String policy) {
    RateLimitProperties.Limit limit = properties.limitOf(policy);
    return BucketConfiguration.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limit.capacity())
                .refillGreedy(limit.capacity(), limit.period())
                .build())
        .build();
  }
}
