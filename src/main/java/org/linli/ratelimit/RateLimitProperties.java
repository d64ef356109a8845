package org.linli.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits. Each policy (the part of a key before ':') allows {@code capacity} messages, refilled
 * evenly over {@code period}; a policy not configured uses {@code default}. The defaults are
 * generous: a kiosk hall behind one address, or a resident tapping options quickly, never meet them.
 *
 * @param enabled switch off all limits (for load tests)
 * @param maxKeys in-memory buckets kept at most (least recently used dropped first), so a flood of
 *     new addresses cannot exhaust memory
 * @param policies capacity and period per policy, e.g. {@code linli.rate-limit.policies.address.capacity=300}
 * @param store where buckets live: {@code memory} (each node limits on its own; the embedded
 *     default) or {@code database} (one budget shared by every node; the {@code postgres} profile)
 */
@ConfigurationProperties("linli.rate-limit")
public record RateLimitProperties(
    Boolean enabled, int maxKeys, Map<String, Limit> policies, Store store) {

  /** Where the buckets live. */
  public enum Store {
    MEMORY,
    DATABASE
  }


  /** What applies when nothing is configured. */
  static final Map<String, Limit> DEFAULTS =
      Map.of(
          "default", new Limit(30, Duration.ofMinutes(1)),
          // one address may be a whole community hall of kiosks, or a carrier's NAT
          "address", new Limit(300, Duration.ofMinutes(1)),
          "conversation", new Limit(30, Duration.ofMinutes(1)),
          "resident", new Limit(30, Duration.ofMinutes(1)),
          // failed staff logins
          "login-user", new Limit(10, Duration.ofMinutes(15)),
          "login-address", new Limit(50, Duration.ofMinutes(15)));

  public RateLimitProperties {
    enabled = enabled == null || enabled;
    maxKeys = maxKeys <= 0 ? 100_000 : maxKeys;
    store = store == null ? Store.MEMORY : store;
    Map<String, Limit> merged = new HashMap<>(DEFAULTS);
    if (policies != null) {
      policies.forEach(
          (name, limit) -> {
            Limit base = merged.getOrDefault(name, DEFAULTS.get("default"));
            merged.put(
                name,
                new Limit(
                    limit.capacity() > 0 ? limit.capacity() : base.capacity(),
                    limit.period() != null ? limit.period() : base.period()));
          });
    }
    policies = Map.copyOf(merged);
  }

  /** The longest refill period of any policy: a bucket idle this long is full again. */
  Duration longestPeriod() {
    return policies.values().stream().map(Limit::period).max(Duration::compareTo).orElseThrow();
  }

  /** The limit of a policy, or the default one. */
  Limit limitOf(String policy) {
    return policies.getOrDefault(policy, policies.get("default"));
  }

  /** {@code capacity} messages per {@code period}. */
  public record Limit(long capacity, Duration period) {}
}
