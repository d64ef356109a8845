package org.linli.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import org.linli.channels.wechat.AccessTokenStore;
import org.linli.channels.wechat.WeChatProperties;
import org.linli.privacy.PersonalData;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The official account's access token in the database, encrypted, shared by every node. The
 * refresh lock is a lease on the token's row: one node fetches a new token while the others wait
 * and then read it; a node that dies holding it loses it when the lease runs out.
 */
@Component
@ConditionalOnProperty(
    name = "linli.wechat.token-store",
    havingValue = "database",
    matchIfMissing = true)
class JdbcAccessTokenStore implements AccessTokenStore {

  static final Duration LEASE = Duration.ofSeconds(30);

  private final JdbcClient jdbc;
  private final PersonalData personalData;
  private final Clock clock;
  private final String appId;
  private final String node = UUID.randomUUID().toString();
  private final Lock lock = new LeaseLock();

  JdbcAccessTokenStore(
      JdbcClient jdbc, PersonalData personalData, WeChatProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.personalData = personalData;
    this.clock = clock;
    this.appId = StringUtils.hasText(properties.appId()) ? properties.appId() : "default";
  }

  @Override
  public Optional<Token> current() {
    return jdbc.sql("select token_enc, expires_at from wechat_access_token where app_id = ?")
        .param(appId)
        .query(
            (rs, n) -> {
              String enc = rs.getString("token_enc");
              OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
              return enc == null || expires == null
                  ? null
                  : new Token(personalData.decrypt(enc), expires.toInstant());
            })
        .optional();
  }

  @Override
  public void save(String token, Instant expiresAt) {
    ensureRow();
    jdbc.sql("update wechat_access_token set token_enc = ?, expires_at = ? where app_id = ?")
        .params(personalData.encrypt(token), JdbcWeChatStore.utc(expiresAt), appId)
        .update();
  }

  @Override
  public void expire() {
    jdbc.sql("update wechat_access_token set token_enc = null, expires_at = null where app_id = ?")
        .param(appId)
        .update();
  }

  @Override
  public Lock refreshLock() {
    return lock;
  }

  private void ensureRow() {
    boolean exists =
        jdbc.sql("select count(*) from wechat_access_token where app_id = ?")
                .param(appId)
                .query(Integer.class)
                .single()
            > 0;
    if (!exists) {
      try {
        jdbc.sql("insert into wechat_access_token (app_id) values (?)").param(appId).update();
      } catch (DuplicateKeyException concurrent) {
        // another node created it
      }
    }
  }

  private String owner() {
    return node + ":" + Thread.currentThread().threadId();
  }

  /** A lease on the row: held by one thread of one node at a time, or by nobody once expired. */
  private final class LeaseLock extends AccessTokenLease {

    @Override
    boolean acquire() {
      ensureRow();
      Instant now = clock.instant();
      return jdbc.sql(
                  "update wechat_access_token set lock_owner = ?, lock_until = ? where app_id = ?"
                      + " and (lock_owner is null or lock_until < ? or lock_owner = ?)")
              .params(
                  owner(),
                  JdbcWeChatStore.utc(now.plus(LEASE)),
                  appId,
                  JdbcWeChatStore.utc(now),
                  owner())
              .update()
          == 1;
    }

    @Override
    boolean tokenValid() {
      return current().filter(t -> clock.instant().isBefore(t.expiresAt())).isPresent();
    }

    @Override
    public void unlock() {
      jdbc.sql(
              "update wechat_access_token set lock_owner = null, lock_until = null"
                  + " where app_id = ? and lock_owner = ?")
          .params(appId, owner())
          .update();
    }
  }
}
