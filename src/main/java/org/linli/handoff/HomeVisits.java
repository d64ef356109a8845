package org.linli.handoff;

import org.linli.privacy.ClearColumns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.linli.channels.InputText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Home visits for residents marked, with their consent, as needing extra help: the order's owner
 * (or a supervisor) schedules one from the order (a window on one day, the order's address, the
 * member of staff who goes); it is written to the order's history, the resident is told in plain
 * words on their channel ({@link HomeVisitScheduled}), and supervisors see every open visit.
 */
@Service
public class HomeVisits {

  static final Duration LONGEST_WINDOW = Duration.ofHours(12);
  static final int DAYS_AHEAD = 60;

  private final JdbcClient jdbc;
  private final WorkOrderStore store;
  private final HandoffService handoff;
  private final ApplicationEventPublisher events;
  private final ZoneId zone;
  private final Clock clock;

  HomeVisits(JdbcClient jdbc, WorkOrderStore store, HandoffService handoff, ApplicationEventPublisher events,
      HandoffProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.store = store;
    this.handoff = handoff;
    this.events = events;
    this.zone = properties.zone();
    this.clock = clock;
  }

  /** One visit; {@code status} is scheduled, done or cancelled. */
  public record HomeVisit(long id, String ticket, Instant from, Instant until, String address, String assignee,
      String assigneeName, String status, String createdBy, Instant createdAt) {}

  /** The resident was told of a visit: for their channel, in their words. */
  public record HomeVisitScheduled(String ticket, String conversationId, Instant from, Instant until,
      String assigneeName) {}

  /** The service centre's time zone: visit windows are entered and shown in it. */
  public ZoneId zone() {
    return zone;
  }

  /** Whether the order's resident may be offered a home visit (extra help, with consent). */
  @Transactional(readOnly = true)
  public boolean offered(WorkOrder order) {
    return order.residentId() != null && store.needsExtraHelp(order.residentId());
  }

  /**
   * Schedules a visit from {@code from} to {@code until} (local time of the service centre) on
   * {@code date}, at {@code address} or, when that is blank, the order's location.
   *
   * @param assignee the member of staff who goes (checked by the caller), and their name
   */
  @Transactional
  public HomeVisit schedule(Actor actor, String number, LocalDate date, LocalTime from, LocalTime until,
      String address, String assignee, String assigneeName) {
    WorkOrder order = handoff.get(actor, number);
    if (order.conversationId() != null) {
      // the conversation's lock before the order's, as every change does
      events.publishEvent(new TicketChangeStarting(number, order.conversationId()));
    }
    order = store.lock(number).orElseThrow(() -> HandoffException.notFound(number));
    if (order.owner() == null) {
      throw HandoffException.conflict("error.ticket.notClaimed", "claim the order first");
    }
    if (!actor.supervisor() && !actor.username().equals(order.owner())) {
      throw HandoffException.forbidden("only the owner or a supervisor schedules a home visit");
    }
    if (!order.status().open()) {
      throw HandoffException.conflict("error.ticket.closed", "the order is already " + order.status().code());
    }
    if (!offered(order)) {
      throw HandoffException.conflict("error.visit.notOffered",
          "home visits are for residents recorded as needing extra help");
    }
    if (date == null || from == null || until == null) {
      throw HandoffException.invalid("error.visit.window", "a date, a start and an end time are required");
    }
    ZonedDateTime start = ZonedDateTime.of(date, from, zone);
    ZonedDateTime end = ZonedDateTime.of(date, until, zone);
    Instant now = clock.instant();
    if (!end.isAfter(start) || Duration.between(start, end).compareTo(LONGEST_WINDOW) > 0) {
      throw HandoffException.invalid("error.visit.window", "the window must end after it starts, within 12 hours");
    }
    if (start.toInstant().isBefore(now) || date.isAfter(LocalDate.now(clock.withZone(zone)).plusDays(DAYS_AHEAD))) {
      throw HandoffException.invalid("error.visit.when", "a visit is scheduled from now up to " + DAYS_AHEAD + " days ahead");
    }
    String where = address == null || address.isBlank() ? order.location() : address.strip();
    if (where == null || where.isBlank()) {
      throw HandoffException.invalid("error.visit.address", "the order has no address: give one");
    }
    if (where.length() > 500 || InputText.hasForbiddenCharacters(where)) {
      throw HandoffException.invalid("error.visit.address", "an address is at most 500 plain characters");
    }
    if (assignee == null || assignee.isBlank()) {
      throw HandoffException.invalid("error.visit.assignee", "who goes?");
    }
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("insert into home_visit (work_order_id, visit_from, visit_until, address_enc, assignee,"
            + " assignee_name, status, created_by, created_at) values (?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)")
        .params(order.id(), start.toOffsetDateTime(), end.toOffsetDateTime(), store.seal(where), assignee,
            assigneeName,
            actor.username(), WorkOrderStore.utc(now))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    String window = date + " " + from + "-" + until;
    store.appendEvent(order.id(), now, actor.username(), "home_visit_scheduled",
        "visit=" + id + " window=" + window + " assignee=" + assignee);
    events.publishEvent(new TicketEvent(order.number(), order.conversationId(), order.department(),
        "home_visit_scheduled", order.status(), actor.username(), actor.displayName(), window));
    events.publishEvent(new HomeVisitScheduled(order.number(), order.conversationId(), start.toInstant(),
        end.toInstant(), assigneeName));
    return find(id);
  }

  /** The visit was made, or called off: recorded in the order's history; the visit leaves the open list. */
  @Transactional
  public HomeVisit finish(Actor actor, long id, boolean done) {
    HomeVisit visit = jdbc.sql(SELECT + " where v.id = ?").param(id).query(this::row).optional()
        .orElseThrow(() -> new HandoffException(HandoffException.Kind.NOT_FOUND, "error.visit.notFound", "no visit " + id));
    WorkOrder order = handoff.get(actor, visit.ticket());
    if (!actor.supervisor() && !actor.username().equals(order.owner()) && !actor.username().equals(visit.assignee())) {
      throw HandoffException.forbidden("only the assignee, the order's owner or a supervisor");
    }
    int changed = jdbc.sql("update home_visit set status = ?, finished_at = ? where id = ? and status = 'scheduled'")
        .params(done ? "done" : "cancelled", WorkOrderStore.utc(clock.instant()), id)
        .update();
    if (changed == 1) {
      String type = done ? "home_visit_done" : "home_visit_cancelled";
      store.appendEvent(order.id(), clock.instant(), actor.username(), type, "visit=" + id);
      events.publishEvent(new TicketEvent(order.number(), order.conversationId(), order.department(), type,
          order.status(), actor.username(), actor.displayName(), null));
    }
    return find(id);
  }

  /** The visits of one order the actor may see. */
  @Transactional(readOnly = true)
  public List<HomeVisit> forOrder(Actor actor, String number) {
    WorkOrder order = handoff.get(actor, number);
    return jdbc.sql(SELECT + " where v.work_order_id = ? order by v.visit_from").param(order.id())
        .query(this::row).list();
  }

  /**
   * Visits still to be made, soonest first: every one for supervisors; for other staff, those they
   * make or whose order they own.
   */
  @Transactional(readOnly = true)
  public List<HomeVisit> open(Actor actor) {
    if (actor.supervisor()) {
      return jdbc.sql(SELECT + " where v.status = 'scheduled' order by v.visit_from").query(this::row).list();
    }
    return jdbc.sql(SELECT + " where v.status = 'scheduled' and (v.assignee = ? or o.owner = ?) order by v.visit_from")
        .params(actor.username(), actor.username())
        .query(this::row).list();
  }

  /**
   * Encrypts the addresses of visits written in clear before V131 (compare-and-set on the address
   * read, so several nodes at once seal each once and an erasure made meanwhile wins).
   */
  int encryptLegacyAddresses() {
    return ClearColumns.seal(jdbc, "home_visit", "address", store::seal);
  }

  private HomeVisit find(long id) {
    return jdbc.sql(SELECT + " where v.id = ?").param(id).query(this::row).single();
  }

  private static final String SELECT =
      "select v.id, o.number, v.visit_from, v.visit_until, v.address, v.assignee, v.assignee_name, v.status,"
          + " v.created_by, v.created_at, v.address_enc from home_visit v"
          + " join work_order o on o.id = v.work_order_id";

  /** A visit; the address is stored encrypted (V131), or in clear in a row written before. */
  private HomeVisit row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new HomeVisit(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
        rs.getObject(4, OffsetDateTime.class).toInstant(), store.open(rs.getString(11), rs.getString(5)), rs.getString(6), rs.getString(7),
        rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class).toInstant());
  }
}
