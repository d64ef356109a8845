package org.linli.twilio;

import java.time.Clock;
import java.time.ZoneOffset;
import org.linli.channels.twilio.SmsOptOuts;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** SMS opt-outs in table {@code sms_opt_out}, by the number's keyed lookup hash only. */
@Component
class JdbcSmsOptOuts implements SmsOptOuts {

  private final JdbcClient jdbc;
  private final ResidentDirectory residents;
  private final Clock clock;

  JdbcSmsOptOuts(JdbcClient jdbc, ResidentDirectory residents, Clock clock) {
    this.jdbc = jdbc;
    this.residents = residents;
    this.clock = clock;
  }

  /** One statement on its own, no transaction around it: it runs before every SMS turn. */
  @Override
  public boolean isOptedOut(String phoneNumber) {
    return jdbc.sql("select count(*) from sms_opt_out where phone_hash = ?")
            .param(hash(phoneNumber))
            .query(Integer.class)
            .single()
        > 0;
  }

  @Override
  @Transactional
  public void optOut(String phoneNumber) {
    String hash = hash(phoneNumber);
    // Idempotent: a retried STOP, or two at once on two nodes, leave one row.
    int updated =
        jdbc.sql("update sms_opt_out set opted_out_at = ? where phone_hash = ?")
            .params(clock.instant().atOffset(ZoneOffset.UTC), hash)
            .update();
    if (updated == 0) {
      try {
        jdbc.sql("insert into sms_opt_out (phone_hash, opted_out_at) values (?, ?)")
            .params(hash, clock.instant().atOffset(ZoneOffset.UTC))
            .update();
      } catch (org.springframework.dao.DuplicateKeyException concurrent) {
        // the other delivery recorded it
      }
    }
  }

  @Override
  @Transactional
  public void optIn(String phoneNumber) {
    jdbc.sql("delete from sms_opt_out where phone_hash = ?").param(hash(phoneNumber)).update();
  }

  private String hash(String phoneNumber) {
    return residents.lookupKey(IdentityKind.PHONE, phoneNumber);
  }
}
