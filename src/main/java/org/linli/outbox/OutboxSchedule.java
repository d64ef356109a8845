package org.linli.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher in the server only. Spring Boot creates beans with {@code @Scheduled}
 * methods eagerly even under lazy initialisation, so the schedule lives in its own bean that
 * one-shot commands and the shell never create (they must not touch the database).
 */
@Component
@ConditionalOnWebApplication
class OutboxSchedule {

  private static final Logger log = LoggerFactory.getLogger(OutboxSchedule.class);

  private final OutboxDispatcher dispatcher;

  OutboxSchedule(OutboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Scheduled(
      fixedDelayString = "${linli.outbox.interval:PT2S}",
      initialDelayString = "${linli.outbox.interval:PT2S}")
  void run() {
    try {
      dispatcher.dispatchDue();
    } catch (RuntimeException e) {
      log.warn("event=outbox_dispatch_failed error={}", e.toString());
    }
  }
}
