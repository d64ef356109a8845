package org.linli.care;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.linli.channels.InputText;
import org.linli.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents who need extra help (recorded only with their consent; their orders get a higher
 * priority) and the family members or carers who may act for them (relation recorded, revocable).
 * Every change is audited.
 */
@Service
public class CareService {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;

  CareService(JdbcClient jdbc, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /** A resident's recorded need for extra help. */
  public record Support(String residentId, String needs, Instant consentAt, String recordedBy, String note) {}

  /** A family member or carer acting for a resident. */
  public record Proxy(long id, String residentId, String proxyResidentId, String relation, Instant consentAt,
      Instant revokedAt) {}

  @Transactional
  public Support recordSupport(String actor, String residentId, String needs, boolean consentGiven, String note) {
    if (!consentGiven) {
      throw new IllegalArgumentException("extra help is recorded only with the resident's consent");
    }
    if (needs == null || needs.isBlank() || needs.length() > 200) {
      throw new IllegalArgumentException("needs: 1-200 characters, e.g. aged_80_plus,living_alone");
    }
    if (InputText.hasForbiddenCharacters(needs) || InputText.hasForbiddenCharacters(note)
        || (note != null && note.length() > 500)) {
      throw new IllegalArgumentException("note: at most 500 characters, no control characters");
    }
    requireResident(residentId);
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    jdbc.sql("delete from resident_support where resident_id = ?").param(residentId).update();
    jdbc.sql("insert into resident_support (resident_id, needs, consent_at, recorded_by, note) values (?, ?, ?, ?, ?)")
        .params(residentId, needs.strip(), now, actor, note)
        .update();
    audit.record(actor, "care.support_recorded", "resident:" + residentId, "needs=" + needs.strip());
    return support(residentId).orElseThrow();
  }

  @Transactional
  public void withdrawSupport(String actor, String residentId) {
    jdbc.sql("update resident_support set withdrawn_at = ? where resident_id = ? and withdrawn_at is null")
        .params(clock.instant().atOffset(ZoneOffset.UTC), residentId)
        .update();
    audit.record(actor, "care.support_withdrawn", "resident:" + residentId, null);
  }

  @Transactional(readOnly = true)
  public Optional<Support> support(String residentId) {
    return jdbc.sql("select resident_id, needs, consent_at, recorded_by, note from resident_support"
            + " where resident_id = ? and withdrawn_at is null")
        .param(residentId)
        .query((rs, i) -> new Support(rs.getString(1), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5)))
        .optional();
  }

  @Transactional
  public Proxy addProxy(String actor, String residentId, String proxyResidentId, String relation, boolean consentGiven) {
    if (!consentGiven) {
      throw new IllegalArgumentException("a proxy is recorded only with the resident's consent");
    }
    if (relation == null || !relation.matches("[a-z_]{2,32}")) {
      throw new IllegalArgumentException("relation: e.g. child, spouse, carer, neighbour");
    }
    requireResident(residentId);
    requireResident(proxyResidentId);
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("insert into resident_proxy (resident_id, proxy_resident_id, relation, consent_at, recorded_by)"
            + " values (?, ?, ?, ?, ?)")
        .params(residentId, proxyResidentId, relation, clock.instant().atOffset(ZoneOffset.UTC), actor)
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    audit.record(actor, "care.proxy_added", "resident:" + residentId, "proxy=" + proxyResidentId + " relation=" + relation);
    return proxies(residentId).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
  }

  @Transactional
  public void revokeProxy(String actor, long proxyId) {
    jdbc.sql("update resident_proxy set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
        .params(clock.instant().atOffset(ZoneOffset.UTC), actor, proxyId)
        .update();
    audit.record(actor, "care.proxy_revoked", "resident_proxy:" + proxyId, null);
  }

  @Transactional(readOnly = true)
  public List<Proxy> proxies(String residentId) {
    return jdbc.sql("select id, resident_id, proxy_resident_id, relation, consent_at, revoked_at from resident_proxy"
            + " where resident_id = ? order by id")
        .param(residentId)
        .query((rs, i) -> {
          OffsetDateTime revoked = rs.getObject(6, OffsetDateTime.class);
          return new Proxy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getObject(5, OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant());
        })
        .list();
  }

  /** Whether {@code proxyResidentId} may currently act for {@code residentId}. */
  @Transactional(readOnly = true)
  public boolean mayActFor(String proxyResidentId, String residentId) {
    return jdbc.sql("select count(*) from resident_proxy where resident_id = ? and proxy_resident_id = ?"
            + " and revoked_at is null")
        .params(residentId, proxyResidentId)
        .query(Integer.class)
        .single() > 0;
  }

  private void requireResident(String residentId) {
    if (residentId == null
        || jdbc.sql("select count(*) from resident where id = ?").param(residentId).query(Integer.class).single() == 0) {
      throw new IllegalArgumentException("no resident " + residentId);
    }
  }
}
