package org.linli.cluster;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs a periodic job on one node of the cluster at a time, with a lease in the {@code job_lock}
 * table (in the manner of ShedLock): a node takes the lease with one conditional update, which
 * only one node can win; the lease ends {@code atMost} after the start even when the node dies
 * mid-run, and not before {@code atLeast}, so that the other nodes, whose schedules are a little
 * apart, skip that round instead of repeating it. Node clocks are assumed to be kept in step
 * (NTP); a skew shorter than {@code atLeast} does no harm.
 *
 * <p>Each statement commits on its own: the lease must be visible to the other nodes while the job
 * runs.
 */
@Component
public class JobLock {

  private static final Logger log = LoggerFactory.getLogger(JobLock.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String node;

  @Autowired
  public JobLock(JdbcClient jdbc, Clock clock) {
    this(jdbc, clock, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
  }

  JobLock(JdbcClient jdbc, Clock clock, String node) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.node = node.length() > 128 ? node.substring(0, 128) : node;
  }

  /**
   * Runs {@code job} if no other node holds {@code name}'s lease; returns whether it ran here.
   *
   * @param atMost the longest the lease is held (a node that died mid-run holds it this long)
   * @param atLeast the shortest: other nodes skip the job until then, however quick the run
   */
  public boolean runExclusively(String name, Duration atMost, Duration atLeast, Runnable job) {
    // microseconds: what the databases store, so the release below finds the lease it took
    Instant start = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (!acquire(name, start, start.plus(atMost))) {
      log.debug("event=job_skipped job={} reason=held_elsewhere", name);
      return false;
    }
    try {
      job.run();
      return true;
    } finally {
      Instant end = clock.instant().truncatedTo(ChronoUnit.MICROS);
      Instant until = start.plus(atLeast).isAfter(end) ? start.plus(atLeast) : end;
      jdbc.sql("update job_lock set locked_until = ? where name = ? and locked_by = ? and locked_at = ?")
          .params(utc(until), name, node, utc(start))
          .update();
    }
  }

  private boolean acquire(String name, Instant now, Instant until) {
    int taken =
        jdbc.sql(
                "update job_lock set locked_until = ?, locked_at = ?, locked_by = ?"
                    + " where name = ? and locked_until <= ?")
            .params(utc(until), utc(now), node, name, utc(now))
            .update();
    if (taken == 1) {
      return true;
    }
    try {
      // the first run of this job anywhere: whoever inserts the row holds the lease
      return jdbc.sql(
                  "insert into job_lock (name, locked_until, locked_at, locked_by) values (?, ?, ?, ?)")
              .params(name, utc(until), utc(now), node)
              .update()
          == 1;
    } catch (DuplicateKeyException held) {
      return false;
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
