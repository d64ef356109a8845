package org.linli.handoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Periodic checks: unclaimed orders alert supervisors, overdue orders notify the resident. Each
 * order is flagged once in the database, so a second run (or a second node) does nothing again.
 * Server only: beans with {@code @Scheduled} methods are created eagerly even under lazy
 * initialisation, and one-shot commands must not touch the database.
 */
@ConditionalOnProperty(name = "linli.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class HandoffJobs {

  private static final Logger log = LoggerFactory.getLogger(HandoffJobs.class);

  private final HandoffService handoff;

  HandoffJobs(HandoffService handoff) {
    this.handoff = handoff;
  }

  @Scheduled(
      fixedDelayString = "${linli.handoff.job-interval:PT1M}",
      initialDelayString = "${linli.handoff.job-interval:PT1M}")
  void run() {
    try {
      int alerted = handoff.alertUnclaimed();
      int overdue = handoff.notifyOverdue();
      if (alerted + overdue > 0) {
        log.info("event=handoff_checks unclaimed_alerts={} overdue_notices={}", alerted, overdue);
      }
    } catch (RuntimeException e) {
      log.warn("event=handoff_checks_failed error={}", e.toString());
    }
  }
}
