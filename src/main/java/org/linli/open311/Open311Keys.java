package org.linli.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.linli.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Open311 API keys, stored only as SHA-256 hashes; a new key is shown once. */
@Component
class Open311Keys {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Open311Keys(JdbcClient jdbc, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  String create(String actor, String name) {
    if (name == null || !name.matches("[A-Za-z0-9._-]{2,64}")) {
      throw new IllegalArgumentException("a key name is 2-64 letters, digits, '.', '_' or '-'");
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String key = HexFormat.of().formatHex(bytes);
    jdbc.sql("insert into open311_key (key_hash, name, created_at) values (?, ?, ?)")
        .params(hash(key), name, clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    audit.record(actor, "open311.key_created", "open311_key:" + name, null);
    return key;
  }

  /** The client name of a valid key. */
  @Transactional(readOnly = true)
  Optional<String> client(String key) {
    if (key == null || key.isBlank() || key.length() > 128) {
      return Optional.empty();
    }
    return jdbc.sql("select name from open311_key where key_hash = ? and revoked_at is null")
        .param(hash(key.strip()))
        .query(String.class)
        .optional();
  }

  static String hash(String key) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
