package org.linli.handoff;

import org.linli.privacy.ClearValues;
import org.springframework.stereotype.Component;

/**
 * Work orders written before they were encrypted at rest: the summary and place (V92), and their
 * other texts, the details of their history and their visits' addresses (V131).
 */
@Component
class WorkOrderEncryption implements ClearValues {

  private final WorkOrderStore store;
  private final HomeVisits visits;

  WorkOrderEncryption(WorkOrderStore store, HomeVisits visits) {
    this.store = store;
    this.visits = visits;
  }

  @Override
  public String name() {
    return "work_orders";
  }

  @Override
  public int seal() {
    return store.encryptLegacyRows()
        + store.encryptLegacyEvents()
        + store.encryptLegacyOrderTexts()
        + visits.encryptLegacyAddresses();
  }
}
