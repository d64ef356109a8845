package org.linli.outbox;

import org.linli.privacy.ClearValues;
import org.springframework.stereotype.Component;

/** Outbox texts stored in clear before V131; delivery reads them as they are meanwhile. */
@Component
class OutboxEncryption implements ClearValues {

  private final Outbox outbox;

  OutboxEncryption(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public String name() {
    return "outbox_texts";
  }

  @Override
  public int seal() {
    return outbox.encryptLegacyRows();
  }
}
