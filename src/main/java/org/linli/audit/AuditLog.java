package org.linli.audit;

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Append-only record of who did what. Entries join the caller's transaction, so an action and its
 * audit record are stored together or not at all. Never put personal data in {@code detail}.
 */
@Service
public class AuditLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  public void record(String actor, String action, String subject, String detail) {
    jdbc.sql("insert into audit_event (at, actor, action, subject, detail) values (?, ?, ?, ?, ?)")
        .params(clock.instant().atOffset(ZoneOffset.UTC), actor, action, subject, truncate(detail))
        .update();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}
