package org.linli.privacy;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seals every module's {@link ClearValues} once the server is up: not in one-shot commands or the
 * shell, which leave the database alone. A failure is logged and the rest is done at the next start.
 */
@Component
@ConditionalOnWebApplication
class ClearValuesSealing {

  private static final Logger log = LoggerFactory.getLogger(ClearValuesSealing.class);

  private final List<ClearValues> all;

  ClearValuesSealing(List<ClearValues> all) {
    this.all = all;
  }

  @EventListener(ApplicationReadyEvent.class)
  void sealAll() {
    for (ClearValues values : all) {
      try {
        int done = values.seal();
        if (done > 0) {
          log.info("event={}_encrypted rows={}", values.name(), done);
        }
      } catch (RuntimeException e) {
        log.warn("event={}_encrypt_failed error={}", values.name(), e.toString());
      }
    }
  }
}
