package org.linli.wechat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the database columns ({@code timestamp with time zone}) take them. */
final class WeChatStoreTime {

  private WeChatStoreTime() {}

  static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }
}
