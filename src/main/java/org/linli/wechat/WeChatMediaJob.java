package org.linli.wechat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fetches residents' photos from WeChat soon after the message was acknowledged (every {@code
 * linli.wechat.media-interval}, 15 s by default), and encrypts any label still stored in clear.
 */
@Component
@ConditionalOnProperty(name = "linli.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class WeChatMediaJob {

  private static final Logger log = LoggerFactory.getLogger(WeChatMediaJob.class);

  private final WeChatEvidence evidence;

  WeChatMediaJob(WeChatEvidence evidence) {
    this.evidence = evidence;
  }

  @Scheduled(
      fixedDelayString = "${linli.wechat.media-interval:PT15S}",
      initialDelayString = "${linli.wechat.media-interval:PT15S}")
  void run() {
    try {
      evidence.fetchDue();
      evidence.encryptLegacyLabels();
    } catch (RuntimeException e) {
      log.warn("event=wechat_media_job_failed error={}", e.toString());
    }
  }
}
