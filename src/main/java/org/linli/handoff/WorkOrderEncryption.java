package org.linli.handoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Encrypts the summary and place of work orders written before they were encrypted at rest
 * (V92), and their other texts and the details of their history (V131), once the application is up. Rows not yet done
 * are read from their plain columns, so
 * nothing depends on when this finishes; a failure is logged and retried at the next start.
 */
@Component
@ConditionalOnWebApplication // not in one-shot commands or the shell, which leave the database alone
class WorkOrderEncryption {

  private static final Logger log = LoggerFactory.getLogger(WorkOrderEncryption.class);

  private final WorkOrderStore store;
  private final HomeVisits visits;

  WorkOrderEncryption(WorkOrderStore store, HomeVisits visits) {
    this.store = store;
    this.visits = visits;
  }

  @EventListener(ApplicationReadyEvent.class)
  void encryptLegacyOrders() {
    try {
      int done = store.encryptLegacyRows();
      int events =
          store.encryptLegacyEvents() + store.encryptLegacyOrderTexts() + visits.encryptLegacyAddresses();
      if (done > 0 || events > 0) {
        log.info("event=work_orders_encrypted rows={} history_rows={}", done, events);
      }
    } catch (RuntimeException e) {
      log.warn("event=work_orders_encrypt_failed error={}", e.toString());
    }
  }
}
