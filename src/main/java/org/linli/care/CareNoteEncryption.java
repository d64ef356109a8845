package org.linli.care;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Encrypts extra-help notes stored in clear before V131 once the server is up (not in one-shot
 * commands or the shell). Notes not yet done are read in clear; a failure is logged and retried at
 * the next start.
 */
@Component
@ConditionalOnWebApplication
class CareNoteEncryption {

  private static final Logger log = LoggerFactory.getLogger(CareNoteEncryption.class);

  private final CareService care;

  CareNoteEncryption(CareService care) {
    this.care = care;
  }

  @EventListener(ApplicationReadyEvent.class)
  void encryptLegacyNotes() {
    try {
      int done = care.encryptLegacyNotes();
      if (done > 0) {
        log.info("event=care_notes_encrypted rows={}", done);
      }
    } catch (RuntimeException e) {
      log.warn("event=care_notes_encrypt_failed error={}", e.toString());
    }
  }
}
