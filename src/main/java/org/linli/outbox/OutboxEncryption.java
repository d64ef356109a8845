package org.linli.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Encrypts outbox texts stored in clear before V131 once the server is up (not in one-shot
 * commands or the shell). Rows not yet done are read from their plain column, so delivery does not
 * wait for this; a failure is logged and the rest is done at the next start.
 */
@Component
@ConditionalOnWebApplication
class OutboxEncryption {

  private static final Logger log = LoggerFactory.getLogger(OutboxEncryption.class);

  private final Outbox outbox;

  OutboxEncryption(Outbox outbox) {
    this.outbox = outbox;
  }

  @EventListener(ApplicationReadyEvent.class)
  void encryptLegacyTexts() {
    try {
      int done = outbox.encryptLegacyRows();
      if (done > 0) {
        log.info("event=outbox_texts_encrypted rows={}", done);
      }
    } catch (RuntimeException e) {
      log.warn("event=outbox_texts_encrypt_failed error={}", e.toString());
    }
  }
}
