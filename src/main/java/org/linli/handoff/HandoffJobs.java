package org.linli.handoff;

import java.time.Duration;
import org.linli.cluster.JobLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Periodic checks: unclaimed orders alert supervisors, overdue orders notify the resident. Each
 * order is flagged once in the database, so a second run does nothing again; and each round runs
 * on one node of the cluster only (a lease in the database), so the nodes do not repeat the work
 * or race for the same orders.
 * Server only: beans with {@code @Scheduled} methods are created eagerly even under lazy
 * initialisation, and one-shot commands must not touch the database.
 */
@ConditionalOnProperty(name = "linli.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class HandoffJobs {

  private static final Logger log = LoggerFactory.getLogger(HandoffJobs.class);

  private final HandoffService handoff;
  private final JobLock lock;
  private final Duration interval;

  HandoffJobs(HandoffService handoff, JobLock lock, HandoffProperties properties) {
    this.handoff = handoff;
    this.lock = lock;
    this.interval = properties.jobInterval();
  }

  @Scheduled(
      fixedDelayString = "${linli.handoff.job-interval:PT1M}",
      initialDelayString = "${linli.handoff.job-interval:PT1M}")
  void run() {
    try {
      // held at least most of one interval, so that a node whose schedule runs a little later
      // skips this round; at most three, in case a node dies mid-run
      lock.runExclusively(
          "handoff-checks", interval.multipliedBy(3), interval.multipliedBy(9).dividedBy(10), this::checks);
    } catch (RuntimeException e) {
      log.warn("event=handoff_checks_failed error={}", e.toString());
    }
  }

  private void checks() {
    int alerted = handoff.alertUnclaimed();
    int overdue = handoff.notifyOverdue();
    if (alerted + overdue > 0) {
      log.info("event=handoff_checks unclaimed_alerts={} overdue_notices={}", alerted, overdue);
    }
  }
}
