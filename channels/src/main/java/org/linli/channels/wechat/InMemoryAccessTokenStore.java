package org.linli.channels.wechat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** One node only ({@code linli.wechat.token-store=memory}): the token lives in this process. */
final class InMemoryAccessTokenStore implements AccessTokenStore {

  private final AtomicReference<Token> token = new AtomicReference<>();
  private final Lock lock = new ReentrantLock();

  @Override
  public Optional<Token> current() {
    return Optional.ofNullable(token.get());
  }

  @Override
  public void save(String value, Instant expiresAt) {
    token.set(new Token(value, expiresAt));
  }

  @Override
  public void expire() {
    token.set(null);
  }

  @Override
  public Lock refreshLock() {
    return lock;
  }
}
