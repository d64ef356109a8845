package org.linli.dataprotection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.linli.cluster.JobLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges the text of messages older than {@code linli.retention.message-days}, counting them first
 * into {@code message_stats} (per day, channel, direction, intent), and empties the text of
 * delivered outbox messages as old, and the dialogue state of conversations idle as long. Safe on several nodes at once: a node works only while it holds
 * the job's lease ({@link JobLock}), and each message is purged with
 * {@code ... where purged_at is null}, counted only by the update that purged it, so a run that is
 * repeated or overlaps another never counts a message twice. Batches of 500, one transaction each.
 */
@Component
@ConditionalOnProperty(name = "linli.scheduling.enabled", havingValue = "true", matchIfMissing = true)
public class RetentionJob {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
  private static final int BATCH = 500;
  private static final Duration LEASE = Duration.ofMinutes(30);
  private static final String JOB = "retention";
  private static final String NO_INTENT = "-";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final RetentionProperties properties;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final JobLock jobs;

  RetentionJob(
      JdbcClient jdbc,
      JdbcTemplate template,
      RetentionProperties properties,
      Clock clock,
      PlatformTransactionManager transactions,
      JobLock jobs) {
    this.jdbc = jdbc;
    this.template = template;
    this.properties = properties;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
    this.jobs = jobs;
  }

  @Scheduled(
      fixedDelayString = "${linli.retention.interval:PT1H}",
      initialDelayString = "${linli.retention.interval:PT1H}")
  void scheduled() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.warn("event=retention_failed error={}", e.toString());
    }
  }

  /** Runs the job once if no other node is running it; returns how many messages were purged. */
  public int purge() {
    int[] purgedHere = {0};
    jobs.runExclusively(JOB, LEASE, Duration.ZERO, () -> purgedHere[0] = purgeNow(clock.instant()));
    return purgedHere[0];
  }

  private int purgeNow(Instant now) {
    Instant cutoff = now.minus(Duration.ofDays(properties.messageDays()));
    int total = 0;
    int purged;
    do {
      purged = transaction.execute(tx -> purgeBatch(cutoff, now));
      total += purged;
    } while (purged > 0);
    int outbox =
        jdbc.sql("update outbox set text = '', text_enc = null where status in ('sent', 'failed')"
                + " and created_at < ? and (text_enc is not null or text <> '')")
            .param(utc(cutoff))
            .update();
    // dialogue state of a conversation idle as long may hold a phone number given in a form
    int states =
        jdbc.sql("update conversation set state = '' where updated_at < ? and state <> ''")
            .param(utc(cutoff))
            .update();
    // WeChat photos and places go with the messages they came in: the photo, its links, the
    // address and the coordinates; the row stays (kind, time, order) for the order's history
    jdbc.sql("delete from wechat_media where evidence_id in"
            + " (select id from wechat_evidence where created_at < ?)")
        .param(utc(cutoff))
        .update();
    int evidence =
        jdbc.sql("update wechat_evidence set label = null, label_enc = null, pic_url = null,"
                + " media_id = null, latitude = null, longitude = null, map_scale = null,"
                + " media_status = case when media_status is null then null else 'purged' end,"
                + " purged_at = ? where created_at < ? and purged_at is null")
            .params(utc(now), utc(cutoff))
            .update();
    if (total > 0 || outbox > 0 || states > 0 || evidence > 0) {
      log.info("event=retention_purged messages={} outbox={} conversation_states={} wechat_evidence={} days={}",
          total, outbox, states, evidence, properties.messageDays());
    }
    return total;
  }

  private record Old(long id, String channel, String direction, String intent, Instant at) {}

  private int purgeBatch(Instant cutoff, Instant now) {
    List<Old> old =
        jdbc.sql(
                "select id, channel, direction, intent, created_at from message"
                    + " where created_at < ? and purged_at is null order by id fetch first " + BATCH + " rows only")
            .param(utc(cutoff))
            .query(
                (rs, i) ->
                    new Old(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
            .list();
    if (old.isEmpty()) {
      return 0;
    }
    List<Object[]> args = new ArrayList<>();
    for (Old m : old) {
      args.add(new Object[] {Timestamp.from(now), m.id()});
    }
    int[] updated =
        template.batchUpdate(
            "update message set text = '', text_enc = null, options = null, purged_at = ?"
                + " where id = ? and purged_at is null", args);
    Map<StatKey, Integer> counts = new HashMap<>();
    int purged = 0;
    for (int i = 0; i < old.size(); i++) {
      if (updated[i] == 1) {
        Old m = old.get(i);
        LocalDate day = LocalDate.ofInstant(m.at(), ZoneOffset.UTC);
        String intent = m.intent() == null ? NO_INTENT : m.intent();
        counts.merge(new StatKey(day, m.channel(), m.direction(), intent), 1, Integer::sum);
        purged++;
      }
    }
    counts.forEach(this::count);
    return purged;
  }

  private record StatKey(LocalDate day, String channel, String direction, String intent) {}

  private void count(StatKey key, int n) {
    int updated =
        jdbc.sql(
                "update message_stats set messages = messages + ?"
                    + " where stat_day = ? and channel = ? and direction = ? and intent = ?")
            .params(n, key.day(), key.channel(), key.direction(), key.intent())
            .update();
    if (updated == 0) {
      jdbc.sql("insert into message_stats (stat_day, channel, direction, intent, messages) values (?, ?, ?, ?, ?)")
          .params(key.day(), key.channel(), key.direction(), key.intent(), n)
          .update();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
