package org.linli.channels.wechat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The WeChat official account ({@code linli.wechat.*}, filled from {@code WECHAT_*} environment
 * variables). The endpoint is on when {@code token} is set; sending (customer-service and template
 * messages, the menu) when {@code appId} and {@code secret} are set; {@code aesKey} enables the
 * compatible and safe (encrypted) modes.
 *
 * @param passiveBudget how long a request waits for the turn before answering {@code success} and
 *     delivering the reply later through the customer-service API (WeChat gives up after 5 s)
 * @param maxBodyBytes larger request bodies are refused before they are read whole
 * @param apiHost base URL of WeChat's API ({@code https://api.weixin.qq.com}); tests point it at a
 *     local stub
 * @param helpPhone the number residents are offered when the assistant cannot understand them
 * @param windowLength the customer-service window after the resident's last message
 * @param windowQuota the most customer-service messages sent in one window
 * @param templateId template message used outside the window (empty: none, staff must phone)
 * @param templateField the template's data field that carries the text
 * @param tokenStore where the shared access token lives: {@code database} (default) or {@code
 *     memory} (one node only)
 * @param maxRequestAge a request whose signed {@code timestamp} is further than this from now
 *     (either way) is refused: a captured request cannot be replayed later. WeChat's retries end
 *     about 15 s after the first attempt; the rest of the default (5 minutes) is for clock skew
 * @param mediaMaxBytes a photo larger than this is not downloaded (kept as a link only)
 */
@ConfigurationProperties("linli.wechat")
public record WeChatProperties(
    String appId,
    String secret,
    String token,
    String aesKey,
    @DefaultValue("4500ms") Duration passiveBudget,
    @DefaultValue("65536") int maxBodyBytes,
    @DefaultValue("https://api.weixin.qq.com") String apiHost,
    @DefaultValue("12345") String helpPhone,
    @DefaultValue("48h") Duration windowLength,
    @DefaultValue("20") int windowQuota,
    String templateId,
    @DefaultValue("content") String templateField,
    @DefaultValue("database") String tokenStore,
    @DefaultValue("5m") Duration maxRequestAge,
    @DefaultValue("5242880") int mediaMaxBytes) {

  /** The server endpoint answers WeChat. */
  public boolean endpointOn() {
    return StringUtils.hasText(token);
  }

  /** Messages can be sent to residents (customer service, templates) and the menu pushed. */
  public boolean sendingOn() {
    return StringUtils.hasText(appId) && StringUtils.hasText(secret);
  }

  /** Encrypted (compatible or safe) messages can be read and answered. */
  public boolean aesOn() {
    return StringUtils.hasText(aesKey);
  }

  public boolean templateOn() {
    return StringUtils.hasText(templateId);
  }
}
