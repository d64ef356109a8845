package org.linli.care;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.linli.channels.InputText;
import org.linli.audit.AuditLog;
import org.linli.outbox.Outbox;
import org.linli.privacy.PersonalData;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
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
  private final ResidentDirectory residents;
  private final Outbox outbox;
  private final PersonalData personalData;

  CareService(JdbcClient jdbc, AuditLog audit, Clock clock, ResidentDirectory residents, Outbox outbox,
      PersonalData personalData) {
    this.outbox = outbox;
    this.personalData = personalData;
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
    this.residents = residents;
  }

  /** A resident's recorded need for extra help. */
  public record Support(String residentId, String needs, Instant consentAt, String recordedBy, String note) {}

  /**
   * A family member or carer acting for a resident, with their contact masked (138****5678): the
   * full contact stays encrypted in the carer's own resident identities.
   */
  public record Proxy(long id, String residentId, String proxyResidentId, String relation, Instant consentAt,
      String recordedBy, Instant revokedAt, String revokedBy, String phone, String wechat) {

    public boolean active() {
      return revokedAt == null;
    }

    /** One of {@link #RELATIONS} (shown in the reader's language), not free text. */
    public boolean standardRelation() {
      return RELATIONS.contains(relation);
    }
  }

  /** Relations the console offers; anything else is kept as the free text staff typed (姑妈, 社工). */
  public static final List<String> RELATIONS = List.of("child", "spouse", "relative", "carer", "neighbour");

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
    jdbc.sql("insert into resident_support (resident_id, needs, consent_at, recorded_by, note_enc)"
            + " values (?, ?, ?, ?, ?)")
        .params(residentId, needs.strip(), now, actor, personalData.encryptNullable(note))
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
    return jdbc.sql("select resident_id, needs, consent_at, recorded_by, note, note_enc from resident_support"
            + " where resident_id = ? and withdrawn_at is null")
        .param(residentId)
        .query((rs, i) -> new Support(rs.getString(1), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
            personalData.read(rs.getString(6), rs.getString(5))))
        .optional();
  }

  /**
   * Encrypts extra-help notes written in clear before V131 (compare-and-set on the note read, so
   * several nodes at once seal each once and a change made meanwhile wins). Returns how many.
   */
  public int encryptLegacyNotes() {
    int total = 0;
    for (var r : jdbc.sql("select resident_id, note from resident_support where note_enc is null and note is not null")
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
      total += jdbc.sql("update resident_support set note_enc = ?, note = null"
              + " where resident_id = ? and note_enc is null and note = ?")
          .params(personalData.encrypt(r[1]), r[0], r[1]).update();
    }
    return total;
  }

  /**
   * Records a carer known by their phone number and/or WeChat openid. The carer becomes (or
   * already is) a resident known by that identity, so the same keyed-hash lookup recognises them
   * when they write; a WeChat account is added to the phone's resident unless it already belongs to
   * someone, in which case that resident gets a record of their own. Answers the records made.
   */
  @Transactional
  public List<Proxy> addCarer(String actor, String residentId, String phone, String wechatOpenid, String relation,
      boolean consentGiven) {
    String p = blankToNull(phone);
    String w = blankToNull(wechatOpenid);
    if (p == null && w == null) {
      throw new IllegalArgumentException("a carer needs a phone number or a WeChat openid");
    }
    if (p != null && !p.matches("\\+?[0-9 ()-]{5,24}")) {
      throw new IllegalArgumentException("phone: 5-24 digits, e.g. 13900001234");
    }
    if (w != null && !w.matches("[A-Za-z0-9_-]{6,64}")) {
      throw new IllegalArgumentException("wechatOpenid: 6-64 letters, digits, - or _");
    }
    validate(residentId, relation, consentGiven);
    String byPhone = p == null ? null : residents.residentFor(IdentityKind.PHONE, p);
    List<String> carers = new java.util.ArrayList<>();
    if (byPhone != null) {
      carers.add(byPhone);
    }
    if (w != null) {
      String byWechat = byPhone == null
          ? residents.residentFor(IdentityKind.WECHAT_OPENID, w)
          : residents.attach(byPhone, IdentityKind.WECHAT_OPENID, w);
      if (!carers.contains(byWechat)) {
        carers.add(byWechat);
      }
    }
    List<Proxy> made = new java.util.ArrayList<>();
    for (String carer : carers) {
      if (carer.equals(residentId)) {
        throw new IllegalArgumentException("a resident cannot be recorded as their own carer");
      }
      if (!mayActFor(carer, residentId)) {
        made.add(insert(actor, residentId, carer, relation.strip()));
      }
    }
    if (made.isEmpty()) {
      throw new IllegalArgumentException("this carer is already recorded for the resident");
    }
    return made;
  }

  /** Records a carer who is already known as a resident. */
  @Transactional
  public Proxy addProxy(String actor, String residentId, String proxyResidentId, String relation, boolean consentGiven) {
    validate(residentId, relation, consentGiven);
    requireResident(proxyResidentId);
    if (proxyResidentId.equals(residentId)) {
      throw new IllegalArgumentException("a resident cannot be recorded as their own carer");
    }
    if (mayActFor(proxyResidentId, residentId)) {
      throw new IllegalArgumentException("this carer is already recorded for the resident");
    }
    return insert(actor, residentId, proxyResidentId, relation.strip());
  }

  private void validate(String residentId, String relation, boolean consentGiven) {
    if (!consentGiven) {
      throw new IllegalArgumentException("a carer is recorded only with the resident's consent");
    }
    if (relation == null || relation.isBlank() || relation.strip().length() > 32
        || InputText.hasForbiddenCharacters(relation)) {
      throw new IllegalArgumentException(
          "relation: one of child, spouse, relative, carer, neighbour, or up to 32 characters (e.g. 侄女)");
    }
    requireResident(residentId);
  }

  private Proxy insert(String actor, String residentId, String proxyResidentId, String relation) {
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("insert into resident_proxy (resident_id, proxy_resident_id, relation, consent_at, recorded_by)"
            + " values (?, ?, ?, ?, ?)")
        .params(residentId, proxyResidentId, relation, clock.instant().atOffset(ZoneOffset.UTC), actor)
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    audit.record(actor, "care.proxy_added", "resident:" + residentId,
        "proxy_id=" + id + " proxy=" + proxyResidentId + " relation=" + relation);
    return proxy(id).orElseThrow();
  }

  /** Revokes a carer's record: from now on they can no longer act for the resident or hear about their orders. */
  @Transactional
  public Proxy revokeProxy(String actor, long proxyId) {
    int changed = jdbc.sql("update resident_proxy set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
        .params(clock.instant().atOffset(ZoneOffset.UTC), actor, proxyId)
        .update();
    if (changed == 0) {
      throw new IllegalArgumentException("no carer record " + proxyId + " that is still in force");
    }
    // notices already queued for the carer are not sent any more either
    int dropped = outbox.cancelPending(":proxy:" + proxyId);
    audit.record(actor, "care.proxy_revoked", "resident_proxy:" + proxyId, "pending_notices_dropped=" + dropped);
    return proxy(proxyId).orElseThrow();
  }

  private static final String PROXY_COLUMNS =
      "select id, resident_id, proxy_resident_id, relation, consent_at, recorded_by, revoked_at, revoked_by"
          + " from resident_proxy";

  /** Every carer record of a resident, revoked ones included (the console shows both). */
  @Transactional(readOnly = true)
  public List<Proxy> proxies(String residentId) {
    return jdbc.sql(PROXY_COLUMNS + " where resident_id = ? order by id").param(residentId).query(this::row).list();
  }

  @Transactional(readOnly = true)
  public Optional<Proxy> proxy(long id) {
    return jdbc.sql(PROXY_COLUMNS + " where id = ?").param(id).query(this::row).optional();
  }

  /** The residents a carer may act for now (records in force, oldest first). */
  @Transactional(readOnly = true)
  public List<Proxy> actingFor(String proxyResidentId) {
    if (proxyResidentId == null) {
      return List.of();
    }
    return jdbc.sql(PROXY_COLUMNS + " where proxy_resident_id = ? and revoked_at is null order by id")
        .param(proxyResidentId).query(this::row).list();
  }

  /**
   * Whether {@link #actingFor} would find a record for the resident in {@code residentColumn}, as
   * an SQL condition for another module's statement: the conversation store asks it with the
   * conversation's lock, and so saves a look-up of its own on nearly every SMS, WeChat and phone
   * turn (few writers act for anyone).
   */
  public static String actsForAnyoneSql(String residentColumn) {
    return "exists (select 1 from resident_proxy p where p.proxy_resident_id = " + residentColumn
        + " and p.revoked_at is null)";
  }

  private Proxy row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    OffsetDateTime revoked = rs.getObject(7, OffsetDateTime.class);
    String proxyResident = rs.getString(3);
    return new Proxy(rs.getLong(1), rs.getString(2), proxyResident, rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6),
        revoked == null ? null : revoked.toInstant(), rs.getString(8),
        residents.contact(proxyResident, IdentityKind.PHONE).map(PersonalData::mask).orElse(null),
        residents.contact(proxyResident, IdentityKind.WECHAT_OPENID).map(PersonalData::mask).orElse(null));
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

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private void requireResident(String residentId) {
    if (residentId == null
        || jdbc.sql("select count(*) from resident where id = ?").param(residentId).query(Integer.class).single() == 0) {
      throw new IllegalArgumentException("no resident " + residentId);
    }
  }
}
