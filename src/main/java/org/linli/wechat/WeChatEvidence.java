package org.linli.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.linli.channels.wechat.WeChatMedia;
import org.linli.channels.wechat.WeChatProperties;
import org.linli.handoff.TicketEvent;
import org.linli.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos and places residents sent by WeChat, as evidence of the work order they were sent for.
 * The order takes the evidence of its conversation when it is opened; a photo is downloaded from
 * WeChat (which forgets it after 3 days) by {@link #fetchDue}, queued in the evidence row itself
 * and claimed with a lease, so any node may run it and each photo is fetched by one node at a
 * time. Labels (addresses) are stored encrypted and decrypted only here, for staff views.
 */
@Service
public class WeChatEvidence {

  private static final Logger log = LoggerFactory.getLogger(WeChatEvidence.class);
  static final Duration LEASE = Duration.ofMinutes(2);
  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration MAX_RETRY = Duration.ofHours(1);
  static final int MAX_ATTEMPTS = 8;
  /** WeChat keeps temporary media this long. */
  static final Duration MEDIA_LIFETIME = Duration.ofDays(3);
  private static final int BATCH = 20;

  private final JdbcClient jdbc;
  private final PersonalData personalData;
  private final ObjectProvider<WeChatMedia> media;
  private final ObjectProvider<WeChatProperties> properties;
  private final Clock clock;
  private final TransactionTemplate transaction;

  WeChatEvidence(
      JdbcClient jdbc,
      PersonalData personalData,
      ObjectProvider<WeChatMedia> media,
      ObjectProvider<WeChatProperties> properties,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.personalData = personalData;
    this.media = media;
    this.properties = properties;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * One photo or place of an order, as staff see it.
   *
   * @param photo {@code pending} (being fetched from WeChat), {@code stored} (viewable), {@code
   *     refused} / {@code failed} (not available: see {@code photoProblem}), {@code purged}
   *     (removed by retention); null for a place
   */
  public record Item(
      long id,
      String kind,
      Instant at,
      String label,
      Double latitude,
      Double longitude,
      Double scale,
      String photo,
      String photoProblem) {

    public boolean photoStored() {
      return "stored".equals(photo);
    }
  }

  /** A stored photo. */
  public record Photo(byte[] bytes, String contentType) {}

  /** The order just opened takes the photos and places its conversation has not given to another. */
  @EventListener
  void orderOpened(TicketEvent event) {
    if (!"opened".equals(event.type()) || event.conversationId() == null) {
      return;
    }
    int linked =
        jdbc.sql(
                "update wechat_evidence set work_order_id ="
                    + " (select id from work_order where number = ?)"
                    + " where conversation_id = ? and work_order_id is null")
            .params(event.number(), event.conversationId())
            .update();
    if (linked > 0) {
      log.info("event=wechat_evidence_linked number={} items={}", event.number(), linked);
    }
  }

  /** The order's photos and places, oldest first, labels decrypted. */
  public List<Item> forOrder(long workOrderId) {
    return jdbc.sql(
            "select id, kind, created_at, label, label_enc, latitude, longitude, map_scale,"
                + " media_status, media_error from wechat_evidence where work_order_id = ?"
                + " order by created_at, id")
        .param(workOrderId)
        .query(
            (rs, i) ->
                new Item(
                    rs.getLong("id"),
                    rs.getString("kind"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    label(rs.getString("label_enc"), rs.getString("label")),
                    (Double) rs.getObject("latitude", Double.class),
                    (Double) rs.getObject("longitude", Double.class),
                    (Double) rs.getObject("map_scale", Double.class),
                    rs.getString("media_status"),
                    rs.getString("media_error")))
        .list();
  }

  /** The photo of evidence {@code evidenceId}, only when it belongs to order {@code workOrderId}. */
  public Optional<Photo> photo(long workOrderId, long evidenceId) {
    return jdbc.sql(
            "select m.bytes, m.content_type from wechat_media m join wechat_evidence e"
                + " on e.id = m.evidence_id where e.id = ? and e.work_order_id = ?"
                + " and e.media_status = 'stored'")
        .params(evidenceId, workOrderId)
        .query((rs, i) -> new Photo(rs.getBytes(1), rs.getString(2)))
        .optional();
  }

  private String label(String encrypted, String legacyPlain) {
    return encrypted != null ? personalData.decrypt(encrypted) : legacyPlain;
  }

  /** Encrypts labels stored in clear before V91; returns how many. Safe to run on every node. */
  public int encryptLegacyLabels() {
    int total = 0;
    List<Object[]> rows;
    do {
      rows =
          jdbc.sql(
                  "select id, label from wechat_evidence where label is not null"
                      + " order by id fetch first 200 rows only")
              .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
              .list();
      for (Object[] row : rows) {
        total +=
            jdbc.sql(
                    "update wechat_evidence set label_enc = ?, label = null where id = ? and label = ?")
                .params(personalData.encrypt((String) row[1]), row[0], row[1])
                .update();
      }
    } while (!rows.isEmpty());
    if (total > 0) {
      log.info("event=wechat_labels_encrypted rows={}", total);
    }
    return total;
  }

  private record Due(long id, String mediaId, int attempts, Instant createdAt) {}

  /**
   * Downloads the photos that are due, at most a batch; returns how many were stored. Does
   * nothing while sending is off (no app id and secret: WeChat's media API needs a token).
   */
  public int fetchDue() {
    WeChatMedia downloads = media.getIfAvailable();
    WeChatProperties settings = properties.getIfAvailable();
    if (downloads == null || settings == null) {
      return 0;
    }
    Instant now = clock.instant();
    List<Due> due =
        jdbc.sql(
                "select id, media_id, media_attempts, created_at from wechat_evidence"
                    + " where media_status in ('pending', 'fetching') and media_next_at <= ?"
                    + " order by media_next_at fetch first " + BATCH + " rows only")
            .param(WeChatStoreTime.utc(now))
            .query(
                (rs, i) ->
                    new Due(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
            .list();
    int stored = 0;
    for (Due d : due) {
      if (!claim(d, now)) {
        continue; // another node took it
      }
      int attempt = d.attempts() + 1;
      switch (downloads.download(d.mediaId(), settings.mediaMaxBytes())) {
        case WeChatMedia.Download.Image image -> {
          store(d.id(), image, clock.instant());
          stored++;
        }
        case WeChatMedia.Download.Refused refused -> finish(d.id(), "refused", refused.reason());
        case WeChatMedia.Download.Failed failed -> retryOrGiveUp(d, attempt, failed.reason());
      }
    }
    return stored;
  }

  private boolean claim(Due d, Instant now) {
    return jdbc.sql(
                "update wechat_evidence set media_status = 'fetching', media_next_at = ?,"
                    + " media_attempts = media_attempts + 1 where id = ? and media_attempts = ?"
                    + " and media_status in ('pending', 'fetching') and media_next_at <= ?")
            .params(
                WeChatStoreTime.utc(now.plus(LEASE)), d.id(), d.attempts(), WeChatStoreTime.utc(now))
            .update()
        == 1;
  }

  private void store(long evidenceId, WeChatMedia.Download.Image image, Instant at) {
    transaction.executeWithoutResult(
        tx -> {
          try {
            jdbc.sql(
                    "insert into wechat_media (evidence_id, content_type, size_bytes, bytes, stored_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(
                    evidenceId,
                    image.contentType(),
                    image.bytes().length,
                    image.bytes(),
                    WeChatStoreTime.utc(at))
                .update();
          } catch (DuplicateKeyException already) {
            // stored by a node whose lease ran out just before it finished
          }
          jdbc.sql(
                  "update wechat_evidence set media_status = 'stored', media_error = null"
                      + " where id = ? and media_status = 'fetching'")
              .param(evidenceId)
              .update();
        });
    log.info(
        "event=wechat_media_stored evidence={} type={} bytes={}",
        evidenceId, image.contentType(), image.bytes().length);
  }

  private void finish(long evidenceId, String status, String reason) {
    jdbc.sql(
            "update wechat_evidence set media_status = ?, media_error = ?"
                + " where id = ? and media_status = 'fetching'")
        .params(status, reason, evidenceId)
        .update();
    log.info("event=wechat_media_{} evidence={} reason={}", status, evidenceId, reason);
  }

  private void retryOrGiveUp(Due d, int attempt, String reason) {
    Instant now = clock.instant();
    if (attempt >= MAX_ATTEMPTS || now.isAfter(d.createdAt().plus(MEDIA_LIFETIME))) {
      finish(d.id(), "failed", reason);
      return;
    }
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 20));
    if (wait.compareTo(MAX_RETRY) > 0) {
      wait = MAX_RETRY;
    }
    jdbc.sql(
            "update wechat_evidence set media_status = 'pending', media_next_at = ?, media_error = ?"
                + " where id = ? and media_status = 'fetching'")
        .params(WeChatStoreTime.utc(now.plus(wait)), reason, d.id())
        .update();
    log.info("event=wechat_media_retry evidence={} attempts={} reason={}", d.id(), attempt, reason);
  }
}
