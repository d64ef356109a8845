package org.linli.wechat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Encrypts WeChat place labels stored in clear before V91, once the server is up (not in
 * one-shot commands or the shell, which leave the database alone). Labels not yet done are read
 * in clear, so nothing depends on when this finishes; the media job repeats it.
 */
@Component
@ConditionalOnWebApplication
class WeChatLabelEncryption {

  private static final Logger log = LoggerFactory.getLogger(WeChatLabelEncryption.class);

  private final WeChatEvidence evidence;

  WeChatLabelEncryption(WeChatEvidence evidence) {
    this.evidence = evidence;
  }

  @EventListener(ApplicationReadyEvent.class)
  void encryptLegacyLabels() {
    try {
      evidence.encryptLegacyLabels();
    } catch (RuntimeException e) {
      log.warn("event=wechat_labels_encrypt_failed error={}", e.toString());
    }
  }
}
