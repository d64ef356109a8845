package org.linli.channels.wechat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import org.linli.dialog.ConversationPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The WeChat channel's beans. The endpoint exists only when {@code WECHAT_TOKEN} is set, sending
 * only when {@code WECHAT_APP_ID} and {@code WECHAT_SECRET} are; what is off, and why, is logged
 * once at start-up.
 */
@Configuration(proxyBeanMethods = false)
class WeChatConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WeChatConfiguration.class);

  /** The passive endpoint is on: {@code linli.wechat.token} is set. */
  static final class EndpointOn implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty("linli.wechat.token"));
    }
  }

  /** Sending is on: app id and secret are set. */
  static final class SendingOn implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty("linli.wechat.app-id"))
          && StringUtils.hasText(context.getEnvironment().getProperty("linli.wechat.secret"));
    }
  }

  /** Either: the account's configuration is needed. */
  static final class AnyOn implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return new EndpointOn().matches(context, metadata)
          || new SendingOn().matches(context, metadata);
    }
  }

  /** Says once at start-up what of the channel is on and what is off, and why. */
  @Bean
  WeChatStatus weChatStatus(WeChatProperties properties) {
    WeChatStatus status = WeChatStatus.of(properties);
    status.log(log);
    return status;
  }

  @Bean
  @Conditional(AnyOn.class)
  WxMpConfigStorage weChatConfigStorage(
      WeChatProperties properties, ObjectProvider<AccessTokenStore> tokenStores, Clock clock) {
    if (properties.aesOn()) {
      requireValidAesKey(properties.aesKey());
    }
    AccessTokenStore tokens =
        "memory".equalsIgnoreCase(properties.tokenStore())
            ? new InMemoryAccessTokenStore()
            : tokenStores.getIfAvailable(InMemoryAccessTokenStore::new);
    return WeChatClients.config(properties, tokens, clock);
  }

  @Bean
  @Conditional(SendingOn.class)
  WxMpService weChatService(WxMpConfigStorage config) {
    return WeChatClients.service(config);
  }

  @Bean
  @Conditional(AnyOn.class)
  CustomerServiceWindow customerServiceWindow(
      WeChatStore store, WeChatProperties properties, Clock clock) {
    return new CustomerServiceWindow(
        store, properties.windowLength(), properties.windowQuota(), clock);
  }

  @Bean
  @Conditional(SendingOn.class)
  WeChatSender weChatSender(
      WxMpService service,
      CustomerServiceWindow window,
      WeChatStore store,
      WeChatProperties properties,
      Clock clock) {
    return new WeChatSender(service, window, store, properties, clock);
  }

  /** Photos residents send, fetched by the application before WeChat forgets them (3 days). */
  @Bean
  @Conditional(SendingOn.class)
  WeChatMedia weChatMedia(WxMpService service) {
    return new WeChatMedia(service);
  }

  /** Staff replies and case notices from the outbox. */
  @Bean
  @Conditional(SendingOn.class)
  WeChatOutboundSender weChatOutboundSender(WeChatSender sender) {
    return new WeChatOutboundSender(sender);
  }

  /** One attempt through the sender; the application's outbox replaces it (a @Primary bean). */
  @Bean
  @Conditional(EndpointOn.class)
  WeChatLateReplies weChatLateReplies(ObjectProvider<WeChatSender> senders) {
    return (openId, text, key) -> {
      WeChatSender sender = senders.getIfAvailable();
      if (sender == null) {
        log.warn("event=wechat_late_reply_dropped reason=sending_off key={}", key);
        return;
      }
      sender.send(openId, text, key);
    };
  }

  @Bean
  @Conditional(EndpointOn.class)
  WeChatProtocol weChatProtocol(
      WeChatProperties properties, WxMpConfigStorage config, Clock clock) {
    return new WeChatProtocol(properties, config, clock);
  }

  @Bean
  @Conditional(EndpointOn.class)
  WeChatMessageHandler weChatMessageHandler(
      ConversationPort conversations,
      WeChatStore store,
      WeChatLateReplies lateReplies,
      WeChatProperties properties,
      Clock clock) {
    // Not a bean: an Executor bean would replace Spring Boot's application task executor.
    // Platform threads, reused, not virtual ones: see spring.threads.virtual.enabled in
    // application.properties (virtual threads loading classes from the nested jar can deadlock).
    return new WeChatMessageHandler(
        conversations,
        store,
        lateReplies,
        properties,
        Executors.newCachedThreadPool(Thread.ofPlatform().name("wechat-turn-", 0).daemon(true).factory()),
        clock);
  }

  /** An EncodingAESKey is 43 characters of base64 for 32 bytes; anything else is a typing slip. */
  static void requireValidAesKey(String aesKey) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(aesKey.strip() + "=");
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (aesKey.strip().length() != 43 || key.length != 32) {
      throw new IllegalStateException(
          "WECHAT_AES_KEY must be the 43-character EncodingAESKey from the official account's"
              + " server settings");
    }
  }

  /** What of the channel is on. */
  record WeChatStatus(boolean endpoint, boolean sending, boolean aes, boolean template) {
    static WeChatStatus of(WeChatProperties p) {
      return new WeChatStatus(p.endpointOn(), p.sendingOn(), p.aesOn(), p.templateOn());
    }

    void log(Logger log) {
      List<String> off = new ArrayList<>();
      if (!endpoint) {
        off.add("endpoint (WECHAT_TOKEN not set)");
      }
      if (!sending) {
        off.add(
            "sending: late replies, staff replies, notifications, menu push (WECHAT_APP_ID or"
                + " WECHAT_SECRET not set)");
      }
      if (endpoint && !aes) {
        off.add("encrypted modes (WECHAT_AES_KEY not set: plain mode only)");
      }
      if (sending && !template) {
        off.add("template messages (linli.wechat.template-id not set: outside the 48-hour window"
            + " staff must phone)");
      }
      if (!endpoint && !sending) {
        log.info("event=channel_off channel=wechat reason=\"WECHAT_TOKEN, WECHAT_APP_ID and"
            + " WECHAT_SECRET not set\"");
        return;
      }
      log.info(
          "event=channel_on channel=wechat endpoint={} sending={} mode={} off=\"{}\"",
          endpoint,
          sending,
          aes ? "plain+compatible+safe" : "plain",
          String.join("; ", off));
    }
  }
}
