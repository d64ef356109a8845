package org.linli.channels.wechat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * The official account's access token, shared by every node: getting a new token from WeChat
 * invalidates the old one after a few minutes, so nodes that each kept their own would take turns
 * breaking each other. The application keeps it in the database (or Redis).
 */
public interface AccessTokenStore {

  Optional<Token> current();

  void save(String token, Instant expiresAt);

  /** Forget the token (WeChat said it is invalid): the next call fetches a new one. */
  void expire();

  /** Held by the one node that fetches a new token; the others wait and then read it. */
  Lock refreshLock();

  record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[expiresAt=" + expiresAt + "]";
    }
  }
}
