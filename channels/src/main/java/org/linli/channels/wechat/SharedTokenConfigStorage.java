package org.linli.channels.wechat;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/**
 * WxJava's configuration with the access token (its expiry and the refresh lock) in an {@link
 * AccessTokenStore} instead of fields of this object, so every node uses the same token.
 */
final class SharedTokenConfigStorage extends WxMpDefaultConfigImpl {

  /** WxJava's own margin: refresh a little before WeChat's expiry. */
  private static final int EXPIRY_MARGIN_SECONDS = 200;

  private final transient AccessTokenStore store;
  private final transient Clock clock;

  SharedTokenConfigStorage(AccessTokenStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String getAccessToken() {
    return store.current().map(AccessTokenStore.Token::value).orElse(null);
  }

  @Override
  public boolean isAccessTokenExpired() {
    return store.current().map(t -> !clock.instant().isBefore(t.expiresAt())).orElse(true);
  }

  @Override
  public synchronized void updateAccessToken(String accessToken, int expiresInSeconds) {
    Instant expiresAt =
        clock.instant().plusSeconds(Math.max(0, expiresInSeconds - EXPIRY_MARGIN_SECONDS));
    store.save(accessToken, expiresAt);
  }

  @Override
  public void expireAccessToken() {
    store.expire();
  }

  @Override
  public Lock getAccessTokenLock() {
    return store.refreshLock();
  }

  /** Lombok's toString of the parent would print the secret, the token and the AES key. */
  @Override
  public String toString() {
    return "SharedTokenConfigStorage[appId=" + getAppId() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
