package org.linli.channels.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages to a follower outside the HTTP answer: late replies, staff replies and case
 * notifications. A customer-service message inside the window; otherwise a template message where
 * one is configured; otherwise nothing, and the caller is told that the resident must write first
 * or be phoned. Each idempotency key is sent at most once (claimed in the shared store), so an
 * outbox may deliver at least once and the resident still sees each message once.
 */
public final class WeChatSender {

  private static final Logger log = LoggerFactory.getLogger(WeChatSender.class);

  /** WeChat error codes that say the window or the follower forbid sending. */
  static final int ERR_OUT_OF_WINDOW = 45015;

  static final int ERR_QUOTA = 45047;
  static final int ERR_UNSUBSCRIBED = 43004;

  /** What became of one message. */
  public enum Result {
    /** Delivered as a customer-service message. */
    SENT,
    /** Delivered as a template message (outside the window). */
    SENT_AS_TEMPLATE,
    /** This idempotency key was sent before: nothing was sent again. */
    ALREADY_SENT,
    /** Outside the window (or its quota) and no template: the resident must write first or be phoned. */
    CONTACT_BY_PHONE,
    /** The resident unfollowed the account: nothing is sent. */
    UNSUBSCRIBED,
    /** WeChat could not be reached or refused for another reason: try again later. */
    FAILED;

    public boolean retryable() {
      return this == FAILED;
    }

    public boolean delivered() {
      return this == SENT || this == SENT_AS_TEMPLATE || this == ALREADY_SENT;
    }
  }

  private final WxMpService service;
  private final CustomerServiceWindow window;
  private final WeChatStore store;
  private final WeChatProperties properties;
  private final Clock clock;

  public WeChatSender(
      WxMpService service,
      CustomerServiceWindow window,
      WeChatStore store,
      WeChatProperties properties,
      Clock clock) {
    this.service = service;
    this.window = window;
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * A customer-service text message, only inside the window (late replies, staff replies).
   * Outside it nothing is sent and the result says why.
   */
  public Result send(String openId, String text, String idempotencyKey) {
    return deliver(openId, text, idempotencyKey, false);
  }

  /**
   * A notification (a case status change): a customer-service message inside the window, a
   * template message outside it where one is configured.
   */
  public Result notify(String openId, String text, String idempotencyKey) {
    return deliver(openId, text, idempotencyKey, true);
  }

  private Result deliver(String openId, String text, String key, boolean templateAllowed) {
    CustomerServiceWindow.Status status = window.status(openId);
    if (status.state() == CustomerServiceWindow.State.UNSUBSCRIBED) {
      log.info("event=wechat_send result=unsubscribed key={}", key);
      return Result.UNSUBSCRIBED;
    }
    boolean template = !status.open();
    if (template && !(templateAllowed && properties.templateOn())) {
      log.info("event=wechat_send result=contact_by_phone window={} key={}", status.state(), key);
      return Result.CONTACT_BY_PHONE;
    }
    if (!store.claim(key, clock.instant())) {
      log.info("event=wechat_send result=already_sent key={}", key);
      return Result.ALREADY_SENT;
    }
    try {
      if (template) {
        sendTemplate(openId, text, key);
      } else {
        service
            .getKefuService()
            .sendKefuMessage(WxMpKefuMessage.TEXT().toUser(openId).content(text).build());
        store.sent(openId, clock.instant());
      }
      log.info("event=wechat_send result={} key={}", template ? "template" : "sent", key);
      return template ? Result.SENT_AS_TEMPLATE : Result.SENT;
    } catch (WxErrorException e) {
      store.release(key);
      int code = e.getError() == null ? -1 : e.getError().getErrorCode();
      log.warn("event=wechat_send result=refused errcode={} key={}", code, key);
      return switch (code) {
        case ERR_UNSUBSCRIBED -> Result.UNSUBSCRIBED;
        case ERR_OUT_OF_WINDOW, ERR_QUOTA -> Result.CONTACT_BY_PHONE;
        default -> Result.FAILED;
      };
    } catch (WxRuntimeException | IllegalStateException e) {
      store.release(key);
      log.warn("event=wechat_send result=failed error={} key={}", e.getClass().getSimpleName(), key);
      return Result.FAILED;
    }
  }

  private void sendTemplate(String openId, String text, String key) throws WxErrorException {
    WxMpTemplateMessage message =
        WxMpTemplateMessage.builder()
            .toUser(openId)
            .templateId(properties.templateId())
            // WeChat drops a second template message with the same client id
            .clientMsgId(clientMsgId(key))
            .build();
    message.addData(new WxMpTemplateData(properties.templateField(), text));
    service.getTemplateMsgService().sendTemplateMsg(message);
  }

  /** WeChat limits client_msg_id to 64 characters: a hash of longer keys. */
  static String clientMsgId(String key) {
    if (key.length() <= 64) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
