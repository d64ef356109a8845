package org.linli.handoff;

import org.linli.privacy.ClearColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.linli.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Work orders, their history and the routing table in the database. Callers hold the transaction.
 * The summary and the place (often an address) are personal data: stored encrypted ({@code
 * summary_enc}, {@code location_enc}) and decrypted into {@link WorkOrder} here; orders written
 * before V92 keep the plain columns until {@link #encryptLegacyRows} has run, and are read from
 * them until then.
 */
@Repository
class WorkOrderStore {

  private static final String COLUMNS =
      "id, number, category, priority, department, summary, location, summary_enc, location_enc,"
          + " conversation_id,"
          + " resident_id, channel, contact_enc, status, owner, owner_name, transfer_to,"
          + " transfer_reason, resolution, rating, rating_comment, transfer_reason_enc,"
          + " resolution_enc, rating_comment_enc, supervisor_review, created_at,"
          + " claimed_at, resolved_at, closed_at, due_at";

  /** The most orders a text search looks through. */
  private static final int SEARCH_SCAN = 20_000;

  private final JdbcClient jdbc;
  private final PersonalData personalData;

  WorkOrderStore(JdbcClient jdbc, PersonalData personalData) {
    this.jdbc = jdbc;
    this.personalData = personalData;
  }

  record NewOrder(
      String number,
      String category,
      int priority,
      String department,
      String summary,
      String location,
      String conversationId,
      String residentId,
      String channel,
      String contactEnc,
      Instant createdAt,
      Instant dueAt) {}

  long insert(NewOrder o) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into work_order (number, category, priority, department, summary_enc,"
                + " location_enc, conversation_id, resident_id, channel, contact_enc, status,"
                + " supervisor_review, created_at, updated_at, due_at, breach_notified,"
                + " unclaimed_alerted, version)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', false, ?, ?, ?, false, false, 0)")
        .params(
            o.number(),
            o.category(),
            o.priority(),
            o.department(),
            encrypt(o.summary()),
            encrypt(o.location()),
            o.conversationId(),
            o.residentId(),
            o.channel(),
            o.contactEnc(),
            utc(o.createdAt()),
            utc(o.createdAt()),
            utc(o.dueAt()))
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  boolean numberIssued(String number) {
    return jdbc.sql("select count(*) from ticket_number where number = ?")
            .param(number)
            .query(Integer.class)
            .single()
        > 0;
  }

  void issueNumber(String number, Instant at) {
    jdbc.sql("insert into ticket_number (number, issued_at) values (?, ?)")
        .params(number, utc(at))
        .update();
  }

  Optional<WorkOrder> find(String number) {
    return jdbc.sql("select " + COLUMNS + " from work_order where number = ?")
        .param(number)
        .query(this::order)
        .optional();
  }

  /** The order, locked until the transaction ends, so its changes run one at a time. */
  Optional<WorkOrder> lock(String number) {
    return jdbc.sql("select " + COLUMNS + " from work_order where number = ? for update")
        .param(number)
        .query(this::order)
        .optional();
  }

  Optional<String> contactEnc(String number) {
    return jdbc.sql("select contact_enc from work_order where number = ?")
        .param(number)
        .query(String.class)
        .optional();
  }

  List<WorkOrder> list(String status, String department, String owner, String text, int limit) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from work_order where 1 = 1");
    List<Object> params = new java.util.ArrayList<>();
    if (status != null) {
      sql.append(" and status = ?");
      params.add(status);
    }
    if (department != null) {
      // a department sees its own orders and those being transferred to it, and its staff see
      // the orders they remain accountable for
      sql.append(" and (department = ? or transfer_to = ?");
      params.add(department);
      params.add(department);
      if (owner != null) {
        sql.append(" or owner = ?");
        params.add(owner);
      }
      sql.append(")");
    } else if (owner != null) {
      sql.append(" and owner = ?");
      params.add(owner);
    }
    if (text == null) {
      sql.append(" order by priority, created_at limit ").append(limit);
      return jdbc.sql(sql.toString()).params(params).query(this::order).list();
    }
    // The summary is encrypted, so the text is matched after decryption, over the orders the
    // caller may see (a community centre's open and recent orders: thousands, not millions).
    sql.append(" order by priority, created_at limit ").append(SEARCH_SCAN);
    String needle = text.toLowerCase(java.util.Locale.ROOT);
    return jdbc.sql(sql.toString()).params(params).query(this::order).list().stream()
        .filter(o -> o.number().equals(text)
            || (o.summary() != null && o.summary().toLowerCase(java.util.Locale.ROOT).contains(needle))
            || o.category().toLowerCase(java.util.Locale.ROOT).contains(needle))
        .limit(limit)
        .toList();
  }

  List<WorkOrder> forConversation(String conversationId) {
    return jdbc.sql(
            "select " + COLUMNS + " from work_order where conversation_id = ? order by created_at desc")
        .param(conversationId)
        .query(this::order)
        .list();
  }

  List<WorkOrder> forResident(String residentId) {
    return jdbc.sql(
            "select " + COLUMNS + " from work_order where resident_id = ? order by created_at desc")
        .param(residentId)
        .query(this::order)
        .list();
  }

  /** Orders ahead of this one in its department's queue, plus one. */
  int queuePosition(WorkOrder o) {
    return jdbc.sql(
                "select count(*) from work_order where status = 'new' and department = ? and id <> ?"
                    + " and (priority < ? or (priority = ? and created_at <= ?))")
            .params(o.department(), o.id(), o.priority(), o.priority(), utc(o.createdAt()))
            .query(Integer.class)
            .single()
        + 1;
  }

  void update(String number, String setClause, Instant now, Object... params) {
    List<Object> all = new java.util.ArrayList<>(java.util.Arrays.asList(params));
    all.add(utc(now));
    all.add(number);
    jdbc.sql(
            "update work_order set "
                + setClause
                + ", updated_at = ?, version = version + 1 where number = ?")
        .params(all)
        .update();
  }

  void appendEvent(long orderId, Instant at, String actor, String type, String detail) {
    jdbc.sql(
            "insert into work_order_event (work_order_id, at, actor, type, detail_enc)"
                + " values (?, ?, ?, ?, ?)")
        .params(orderId, utc(at), actor, type, encrypt(truncate(detail)))
        .update();
  }

  List<HistoryEntry> history(long orderId) {
    return jdbc.sql(
            "select at, actor, type, detail, detail_enc from work_order_event where work_order_id = ?"
                + " order by id")
        .param(orderId)
        .query(
            (rs, i) ->
                new HistoryEntry(
                    rs.getObject("at", OffsetDateTime.class).toInstant(),
                    rs.getString("actor"),
                    rs.getString("type"),
                    personalData.read(rs.getString("detail_enc"), rs.getString("detail"))))
        .list();
  }

  Optional<RoutingRule> route(String category) {
    return jdbc.sql("select category, department, sla_hours from routing_rule where category = ?")
        .param(category)
        .query(WorkOrderStore::rule)
        .optional();
  }

  List<RoutingRule> routes() {
    return jdbc.sql("select category, department, sla_hours from routing_rule order by category")
        .query(WorkOrderStore::rule)
        .list();
  }

  boolean departmentExists(String code) {
    return jdbc.sql("select count(*) from department where code = ?")
            .param(code)
            .query(Integer.class)
            .single()
        > 0;
  }

  List<String> departments() {
    return jdbc.sql("select code from department order by code").query(String.class).list();
  }

  void saveRoute(RoutingRule rule, String actor, Instant now) {
    int updated =
        jdbc.sql(
                "update routing_rule set department = ?, sla_hours = ?, updated_at = ?, updated_by = ?"
                    + " where category = ?")
            .params(rule.department(), rule.slaHours(), utc(now), actor, rule.category())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into routing_rule (category, department, sla_hours, updated_at, updated_by)"
                  + " values (?, ?, ?, ?, ?)")
          .params(rule.category(), rule.department(), rule.slaHours(), utc(now), actor)
          .update();
    }
  }

  Optional<String> setting(String name) {
    return jdbc.sql("select setting_value from setting where name = ?").param(name).query(String.class).optional();
  }

  void saveSetting(String name, String value, String actor, Instant now) {
    int updated = jdbc.sql("update setting set setting_value = ?, updated_at = ?, updated_by = ? where name = ?")
        .params(value, utc(now), actor, name)
        .update();
    if (updated == 0) {
      jdbc.sql("insert into setting (name, setting_value, updated_at, updated_by) values (?, ?, ?, ?)")
          .params(name, value, utc(now), actor)
          .update();
    }
  }

  void setReporter(long orderId, long proxyId) {
    jdbc.sql("update work_order set reported_by_proxy = ? where id = ?").params(proxyId, orderId).update();
  }

  Optional<Long> reporter(String number) {
    return jdbc.sql("select reported_by_proxy from work_order where number = ? and reported_by_proxy is not null")
        .param(number).query(Long.class).optional();
  }

  boolean needsExtraHelp(String residentId) {
    return residentId != null
        && jdbc.sql(
                    "select count(*) from resident_support where resident_id = ? and withdrawn_at is null")
                .param(residentId)
                .query(Integer.class)
                .single()
            > 0;
  }

  /**
   * How long the department's most recently claimed orders (claimed after {@code since}) waited
   * from opening to their first claim, newest first, at most {@code limit}.
   */
  List<Duration> recentClaimWaits(String department, Instant since, int limit) {
    return jdbc.sql(
            "select created_at, claimed_at from work_order where department = ?"
                + " and claimed_at is not null and claimed_at >= ? order by claimed_at desc")
        .params(department, utc(since))
        .query((rs, row) -> Duration.between(instant(rs, "created_at"), instant(rs, "claimed_at")))
        .stream()
        .limit(limit)
        .toList();
  }

  List<String> unclaimedSince(Instant before) {
    return jdbc.sql(
            "select number from work_order where status = 'new' and unclaimed_alerted = false"
                + " and created_at < ?")
        .param(utc(before))
        .query(String.class)
        .list();
  }

  List<String> overdue(Instant now) {
    return jdbc.sql(
            "select number from work_order where status in ('new', 'claimed', 'in_progress',"
                + " 'waiting_resident') and breach_notified = false and due_at < ?")
        .param(utc(now))
        .query(String.class)
        .list();
  }

  /** Sets a flag once: true only for the one caller (on any node) that changed it. */
  boolean markOnce(String number, String flag) {
    return jdbc.sql("update work_order set " + flag + " = true where number = ? and " + flag + " = false")
            .param(number)
            .update()
        == 1;
  }

  private static RoutingRule rule(ResultSet rs, int row) throws SQLException {
    int sla = rs.getInt("sla_hours");
    return new RoutingRule(
        rs.getString("category"), rs.getString("department"), rs.wasNull() ? null : sla);
  }

  /** The plain value of an encrypted column, or of its plain twin in a row written before. */
  String open(String encrypted, String plain) {
    return personalData.read(encrypted, plain);
  }

  /** The value to store in one of the order's {@code _enc} columns (null stays null). */
  String seal(String plain) {
    return encrypt(plain);
  }

  private String encrypt(String plain) {
    return plain == null ? null : personalData.encrypt(plain);
  }

  /** The encrypted column, or the plain one of an order written before V92 or V131. */
  private String personal(ResultSet rs, String column) throws SQLException {
    String encrypted = rs.getString(column + "_enc");
    return encrypted != null ? personalData.decrypt(encrypted) : rs.getString(column);
  }

  /**
   * Encrypts the summary and place of orders written before V92 (in batches; safe to run on
   * several nodes at once: a row is changed only while it is still in clear). Returns how many.
   */
  int encryptLegacyRows() {
    int total = 0;
    List<Object[]> rows;
    do {
      rows =
          jdbc.sql(
                  "select id, summary, location from work_order where summary_enc is null"
                      + " and summary is not null order by id fetch first 200 rows only")
              .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
              .list();
      for (Object[] r : rows) {
        total +=
            jdbc.sql(
                    "update work_order set summary_enc = ?, location_enc = ?, summary = null,"
                        + " location = null where id = ? and summary_enc is null")
                .params(encrypt((String) r[1]), encrypt((String) r[2]), r[0])
                .update();
      }
    } while (!rows.isEmpty());
    return total;
  }

  /**
   * Encrypts the history details written in clear before V131, in batches of one transaction each,
   * walking the table by id. A row is changed only while it still holds the detail that was read,
   * so several nodes at once do each row once and an erasure made meanwhile is never undone.
   */
  int encryptLegacyEvents() {
    return ClearColumns.seal(jdbc, "work_order_event", "detail", this::encrypt);
  }

  /**
   * Encrypts the transfer reasons, resolutions and rating comments written in clear before V131,
   * as {@link #encryptLegacyEvents} does the history: a value is sealed only while it is still the
   * one that was read, so a change or an erasure made meanwhile wins.
   */
  int encryptLegacyOrderTexts() {
    int total = 0;
    for (String column : List.of("transfer_reason", "resolution", "rating_comment")) {
      total += ClearColumns.seal(jdbc, "work_order", column, this::encrypt);
    }
    return total;
  }

  private WorkOrder order(ResultSet rs, int row) throws SQLException {
    int rating = rs.getInt("rating");
    Integer ratingValue = rs.wasNull() ? null : rating;
    return new WorkOrder(
        rs.getLong("id"),
        rs.getString("number"),
        rs.getString("category"),
        rs.getInt("priority"),
        rs.getString("department"),
        personal(rs, "summary"),
        personal(rs, "location"),
        rs.getString("conversation_id"),
        rs.getString("resident_id"),
        rs.getString("channel"),
        rs.getString("contact_enc") != null,
        TicketStatus.fromCode(rs.getString("status")).orElseThrow(),
        rs.getString("owner"),
        rs.getString("owner_name"),
        rs.getString("transfer_to"),
        personal(rs, "transfer_reason"),
        personal(rs, "resolution"),
        ratingValue,
        personal(rs, "rating_comment"),
        rs.getBoolean("supervisor_review"),
        instant(rs, "created_at"),
        instant(rs, "claimed_at"),
        instant(rs, "resolved_at"),
        instant(rs, "closed_at"),
        instant(rs, "due_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 4000 ? s : s.substring(0, 4000);
  }
}
