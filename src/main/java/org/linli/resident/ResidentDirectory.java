package org.linli.resident;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.linli.privacy.PersonalData;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds or registers residents by their channel identity. The identity itself is stored only as a
 * keyed hash (for lookup) and encrypted (for staff who may contact the resident).
 */
@Service
public class ResidentDirectory {

  private final JdbcClient jdbc;
  private final PersonalData personalData;
  private final Clock clock;
  private final TransactionTemplate newTransaction;

  ResidentDirectory(
      JdbcClient jdbc,
      PersonalData personalData,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.personalData = personalData;
    this.clock = clock;
    this.newTransaction = new TransactionTemplate(transactions);
    // A failed insert must not poison the caller's transaction (PostgreSQL aborts it): a savepoint
    // on the caller's own connection. Not REQUIRES_NEW: a second connection per turn deadlocks the
    // pool when more first contacts arrive at once than it has connections (found by `load run`).
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The resident with this identity, registering one on first contact. */
  public String residentFor(IdentityKind kind, String address) {
    return findOrRegister(kind, address, "");
  }

  /**
   * {@link #residentFor}, with the identity's row locked until the caller's transaction ends: a
   * turn holds it, so that two first messages from one number arriving at once (on one node or
   * two) are taken one after the other. One statement for a known resident.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public String lockedResidentFor(IdentityKind kind, String address) {
    return findOrRegister(kind, address, " for update");
  }

  private String findOrRegister(IdentityKind kind, String address, String lock) {
    String normalized = normalize(kind, address);
    String hash = personalData.lookupKey(kind.code(), normalized);
    Optional<String> known = findByHash(kind, hash, lock);
    if (known.isPresent()) {
      return known.get();
    }
    String residentId = UUID.randomUUID().toString();
    try {
      newTransaction.executeWithoutResult(tx -> register(residentId, kind, hash, normalized));
      return residentId;
    } catch (DuplicateKeyException concurrentFirstContact) {
      // another node registered the same identity a moment ago: use theirs
      return findByHash(kind, hash, lock).orElseThrow();
    }
  }

  /**
   * The keyed hash an identity is looked up by (the same for {@code +86 138 1234 5678} and {@code
   * 13812345678}), for features that keep their own records about an identity without storing it.
   */
  public String lookupKey(IdentityKind kind, String address) {
    return personalData.lookupKey(kind.code(), normalize(kind, address));
  }

  /** The resident with this identity, if known; never registers. */
  @Transactional(readOnly = true)
  public Optional<String> find(IdentityKind kind, String address) {
    return findByHash(kind, personalData.lookupKey(kind.code(), normalize(kind, address)));
  }

  /**
   * Adds an identity to a known resident (a carer's WeChat account next to their phone number)
   * unless the identity already belongs to someone; answers the resident the identity belongs to
   * afterwards, which is another one when it was known before.
   */
  @Transactional
  public String attach(String residentId, IdentityKind kind, String address) {
    String normalized = normalize(kind, address);
    String hash = personalData.lookupKey(kind.code(), normalized);
    Optional<String> known = findByHash(kind, hash);
    if (known.isPresent()) {
      return known.get();
    }
    jdbc.sql(
            "insert into resident_identity (resident_id, kind, address_hash, address_enc, created_at)"
                + " values (?, ?, ?, ?, ?)")
        .params(residentId, kind.code(), hash, personalData.encrypt(normalized),
            clock.instant().atOffset(java.time.ZoneOffset.UTC))
        .update();
    return residentId;
  }

  /** The decrypted contact of a resident, for a caller who is allowed to see it. */
  @Transactional(readOnly = true)
  public Optional<String> contact(String residentId, IdentityKind kind) {
    return jdbc.sql(
            "select address_enc from resident_identity where resident_id = ? and kind = ? order by id")
        .params(residentId, kind.code())
        .query(String.class)
        .list()
        .stream()
        .findFirst()
        .map(personalData::decrypt);
  }

  private Optional<String> findByHash(IdentityKind kind, String hash) {
    return findByHash(kind, hash, "");
  }

  private Optional<String> findByHash(IdentityKind kind, String hash, String lock) {
    return jdbc.sql("select resident_id from resident_identity where kind = ? and address_hash = ?" + lock)
        .params(kind.code(), hash)
        .query(String.class)
        .optional();
  }

  private void register(String residentId, IdentityKind kind, String hash, String address) {
    var now = clock.instant().atOffset(java.time.ZoneOffset.UTC);
    jdbc.sql("insert into resident (id, created_at) values (?, ?)").params(residentId, now).update();
    jdbc.sql(
            "insert into resident_identity (resident_id, kind, address_hash, address_enc, created_at)"
                + " values (?, ?, ?, ?, ?)")
        .params(residentId, kind.code(), hash, personalData.encrypt(address), now)
        .update();
  }

  /** Phone numbers compare by digits (and a leading +); openids as given. */
  static String normalize(IdentityKind kind, String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("a resident identity must not be empty");
    }
    String a = address.strip();
    if (kind == IdentityKind.PHONE) {
      StringBuilder digits = new StringBuilder();
      for (int i = 0; i < a.length(); i++) {
        char c = a.charAt(i);
        if (Character.isDigit(c) || (c == '+' && digits.isEmpty())) {
          digits.append(c);
        }
      }
      String d = digits.toString();
      // +86 13812345678 and 13812345678 are the same mainland mobile
      if (d.startsWith("+86")) {
        d = d.substring(3);
      } else if (d.startsWith("0086")) {
        d = d.substring(4);
      }
      return d;
    }
    return a;
  }
}
