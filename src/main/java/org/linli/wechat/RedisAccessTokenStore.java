package org.linli.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import org.linli.channels.wechat.AccessTokenStore;
import org.linli.channels.wechat.WeChatProperties;
import org.linli.privacy.PersonalData;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The shared access token in Redis ({@code linli.wechat.token-store=redis}, connection from {@code
 * spring.data.redis.*}): the token encrypted, expiring with the token; the refresh lock a {@code
 * SET NX PX} lease released only by its owner.
 */
@Component
@ConditionalOnProperty(name = "linli.wechat.token-store", havingValue = "redis")
class RedisAccessTokenStore implements AccessTokenStore {

  private static final RedisScript<Long> RELEASE =
      RedisScript.of(
          "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1])"
              + " else return 0 end",
          Long.class);

  private final StringRedisTemplate redis;
  private final PersonalData personalData;
  private final Clock clock;
  private final String tokenKey;
  private final String lockKey;
  private final String node = UUID.randomUUID().toString();
  private final Lock lock = new LeaseLock();

  RedisAccessTokenStore(
      StringRedisTemplate redis, PersonalData personalData, WeChatProperties properties, Clock clock) {
    this.redis = redis;
    this.personalData = personalData;
    this.clock = clock;
    String appId = StringUtils.hasText(properties.appId()) ? properties.appId() : "default";
    this.tokenKey = "linli:wechat:" + appId + ":access-token";
    this.lockKey = "linli:wechat:" + appId + ":access-token-lock";
  }

  @Override
  public Optional<Token> current() {
    String value = redis.opsForValue().get(tokenKey);
    if (value == null) {
      return Optional.empty();
    }
    int colon = value.indexOf(':');
    Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(value.substring(0, colon)));
    return Optional.of(new Token(personalData.decrypt(value.substring(colon + 1)), expiresAt));
  }

  @Override
  public void save(String token, Instant expiresAt) {
    Duration ttl = Duration.between(clock.instant(), expiresAt);
    String value = expiresAt.toEpochMilli() + ":" + personalData.encrypt(token);
    if (ttl.isNegative() || ttl.isZero()) {
      redis.delete(tokenKey);
    } else {
      redis.opsForValue().set(tokenKey, value, ttl);
    }
  }

  @Override
  public void expire() {
    redis.delete(tokenKey);
  }

  @Override
  public Lock refreshLock() {
    return lock;
  }

  private String owner() {
    return node + ":" + Thread.currentThread().threadId();
  }

  /** The refresh lock as a Redis key with an expiry (see {@link AccessTokenLease}). */
  private final class LeaseLock extends AccessTokenLease {

    @Override
    boolean acquire() {
      String owner = owner();
      if (owner.equals(redis.opsForValue().get(lockKey))) {
        return true;
      }
      return Boolean.TRUE.equals(
          redis.opsForValue().setIfAbsent(lockKey, owner, JdbcAccessTokenStore.LEASE));
    }

    @Override
    boolean tokenValid() {
      return current().filter(t -> clock.instant().isBefore(t.expiresAt())).isPresent();
    }

    @Override
    public void unlock() {
      redis.execute(RELEASE, List.of(lockKey), owner());
    }
  }
}
