package org.linli.channels.wechat;

import java.time.Clock;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;

/** WxJava clients for the official account, built one way for the server and for commands. */
public final class WeChatClients {

  private WeChatClients() {}

  /** The account's configuration, its access token kept in {@code tokens}. */
  public static WxMpConfigStorage config(
      WeChatProperties properties, AccessTokenStore tokens, Clock clock) {
    SharedTokenConfigStorage config = new SharedTokenConfigStorage(tokens, clock);
    config.setAppId(properties.appId());
    config.setSecret(properties.secret());
    config.setToken(properties.token());
    config.setAesKey(properties.aesKey());
    config.setHostConfig(
        WxMpHostConfig.builder().apiHost(stripSlash(properties.apiHost())).build());
    // WxJava retries failed calls itself, sleeping a second each time; the sender and the outbox
    // decide about retries instead.
    config.setMaxRetryTimes(0);
    return config;
  }

  public static WxMpService service(WxMpConfigStorage config) {
    WxMpServiceImpl service = new WxMpServiceImpl();
    service.setWxMpConfigStorage(config);
    service.setMaxRetryTimes(0);
    return service;
  }

  /** A token kept by this process only (one node, or a command that cannot reach the database). */
  public static AccessTokenStore inMemoryTokens() {
    return new InMemoryAccessTokenStore();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
