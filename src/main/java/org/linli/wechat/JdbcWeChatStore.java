package org.linli.wechat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.linli.channels.wechat.WeChatStore;
import org.linli.handoff.HandoffService;
import org.linli.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The WeChat adapter's shared state in the database (V30__wechat_channel.sql). */
@Repository
class JdbcWeChatStore implements WeChatStore {

  private static final Logger log = LoggerFactory.getLogger(JdbcWeChatStore.class);

  /** The keyed-hash kind of openids; the same as resident identities use. */
  static final String OPENID_KIND = "wechat_openid";

  private final JdbcClient jdbc;
  private final PersonalData personalData;
  private final HandoffService handoff;
  private final TransactionTemplate transaction;

  JdbcWeChatStore(
      JdbcClient jdbc,
      PersonalData personalData,
      HandoffService handoff,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.personalData = personalData;
    this.handoff = handoff;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * One transaction for the window update, the turn (the conversation service joins it) and the
   * evidence: one connection from the pool and one commit per message instead of three, and a
   * failed turn leaves no window update behind. Live events and outbox rows of the turn follow
   * this commit.
   *
   * <p>When another delivery of the same message (WeChat's retry, maybe on another node) commits
   * first, the insert of the inbound message fails here with a duplicate key, and the whole
   * transaction is rolled back (PostgreSQL allows nothing else in it after the error). The unit
   * then runs once more, in a new transaction: the turn finds the stored message and answers with
   * its outcome.
   */
  @Override
  public <T> T atomically(Supplier<T> work) {
    try {
      return transaction.execute(tx -> work.get());
    } catch (DuplicateKeyException concurrentDelivery) {
      log.info("event=wechat_turn_again reason=concurrent_delivery");
      return transaction.execute(tx -> work.get());
    }
  }

  private String hash(String openId) {
    return personalData.lookupKey(OPENID_KIND, openId);
  }

  @Override
  public void inbound(String openId, Instant at) {
    String hash = hash(openId);
    // one statement for a follower already known (every message but the first)
    if (openWindow(hash, at) == 0) {
      ensureContact(hash, at);
      openWindow(hash, at);
    }
  }

  /** Rows changed: none for a follower not yet known, or when a later message opened it already. */
  private int openWindow(String hash, Instant at) {
    // A late-arriving retry never moves the window back.
    return jdbc.sql(
            "update wechat_contact set last_inbound_at = ?, sent_since_inbound = 0, updated_at = ?"
                + " where openid_hash = ? and (last_inbound_at is null or last_inbound_at < ?)")
        .params(utc(at), utc(at), hash, utc(at))
        .update();
  }

  @Override
  public void subscribed(String openId, Instant at) {
    String hash = hash(openId);
    ensureContact(hash, at);
    jdbc.sql("update wechat_contact set unsubscribed = false, updated_at = ? where openid_hash = ?")
        .params(utc(at), hash)
        .update();
  }

  @Override
  public void unsubscribed(String openId, Instant at) {
    String hash = hash(openId);
    ensureContact(hash, at);
    jdbc.sql("update wechat_contact set unsubscribed = true, updated_at = ? where openid_hash = ?")
        .params(utc(at), hash)
        .update();
  }

  @Override
  public void sent(String openId, Instant at) {
    jdbc.sql(
            "update wechat_contact set sent_since_inbound = sent_since_inbound + 1, updated_at = ?"
                + " where openid_hash = ?")
        .params(utc(at), hash(openId))
        .update();
  }

  @Override
  public Optional<Contact> contact(String openId) {
    return jdbc.sql(
            "select last_inbound_at, sent_since_inbound, unsubscribed from wechat_contact"
                + " where openid_hash = ?")
        .param(hash(openId))
        .query(
            (rs, n) ->
                new Contact(
                    instant(rs.getObject("last_inbound_at", OffsetDateTime.class)),
                    rs.getInt("sent_since_inbound"),
                    rs.getBoolean("unsubscribed")))
        .optional();
  }

  @Override
  public boolean claim(String idempotencyKey, Instant at) {
    return insertOnce(
        "insert into wechat_outbound_key (idempotency_key, claimed_at) values (?, ?)",
        idempotencyKey,
        at);
  }

  @Override
  public void release(String idempotencyKey) {
    jdbc.sql("delete from wechat_outbound_key where idempotency_key = ?")
        .param(idempotencyKey)
        .update();
  }

  @Override
  public boolean defer(String externalId, Instant at) {
    return insertOnce(
        "insert into wechat_deferred_reply (external_id, deferred_at) values (?, ?)",
        externalId,
        at);
  }

  @Override
  public boolean deferred(String externalId) {
    return jdbc.sql("select count(*) from wechat_deferred_reply where external_id = ?")
            .param(externalId)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * Keeps a photo or place: with the open work order of the conversation when there is one (an
   * order opened later takes it then, see {@link WeChatEvidence}); the label encrypted; a photo
   * queued for download.
   */
  @Override
  public void evidence(Evidence e) {
    Long orderId = handoff.openOrderOf(e.conversationId()).map(o -> o.id()).orElse(null);
    boolean photo = "image".equals(e.kind()) && e.mediaId() != null && !e.mediaId().isBlank();
    try {
      jdbc.sql(
              "insert into wechat_evidence (conversation_id, external_id, kind, media_id, pic_url,"
                  + " latitude, longitude, map_scale, label, label_enc, created_at, work_order_id,"
                  + " media_status, media_attempts, media_next_at)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, 0, ?)")
          .params(
              e.conversationId(),
              e.externalId(),
              e.kind(),
              e.mediaId(),
              e.picUrl(),
              e.latitude(),
              e.longitude(),
              e.scale(),
              e.label() == null ? null : personalData.encrypt(e.label()),
              utc(e.at()),
              orderId,
              photo ? "pending" : null,
              photo ? utc(e.at()) : null)
          .update();
    } catch (DuplicateKeyException retry) {
      // the same message delivered again: kept once
    }
  }

  private boolean insertOnce(String sql, String key, Instant at) {
    try {
      jdbc.sql(sql).params(key, utc(at)).update();
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  private void ensureContact(String hash, Instant at) {
    boolean exists =
        jdbc.sql("select count(*) from wechat_contact where openid_hash = ?")
                .param(hash)
                .query(Integer.class)
                .single()
            > 0;
    if (!exists) {
      try {
        jdbc.sql(
                "insert into wechat_contact (openid_hash, last_inbound_at, sent_since_inbound,"
                    + " unsubscribed, updated_at) values (?, null, 0, false, ?)")
            .params(hash, utc(at))
            .update();
      } catch (DuplicateKeyException concurrent) {
        // another node added it a moment ago
      }
    }
  }

  static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
