package org.linli.channels.kiosk;

import org.linli.accessibility.speech.SpeechService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The speech engines (FreeTTS, espeak-ng when installed), said once at start-up. */
@Configuration(proxyBeanMethods = false)
class KioskSpeechConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KioskSpeechConfiguration.class);

  @Bean
  SpeechService speechService() {
    return SpeechService.standard();
  }

  @EventListener(ApplicationReadyEvent.class)
  void reportSpeech(ApplicationReadyEvent event) {
    SpeechService speech = event.getApplicationContext().getBean(SpeechService.class);
    SpeechService.Availability availability = speech.availability();
    log.info("event=speech.available {}", availability.summary());
    for (String line : availability.engines()) {
      log.info("event=speech.engine detail=\"{}\"", line);
    }
  }
}
