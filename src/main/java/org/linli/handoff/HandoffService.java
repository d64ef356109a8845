package org.linli.handoff;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.linli.channels.InputText;
import org.linli.audit.AuditLog;
import org.linli.privacy.PersonalData;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work orders: one accountable owner from the first claim to closure, a deadline, an append-only
 * history of every change, note and message, and an event for every change (for the resident's
 * channel, the live consoles and the dashboards). Every method joins the caller's transaction.
 */
@Service
public class HandoffService {

  private static final Logger log = LoggerFactory.getLogger(HandoffService.class);
  private static final int MAX_TEXT = 2000;

  private final WorkOrderStore store;
  private final PersonalData personalData;
  private final ResidentDirectory residents;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final HandoffProperties properties;
  private final StaffedHours staffedHours;
  private final Clock clock;
  private final TransactionTemplate newTransaction;
  private final SecureRandom random = new SecureRandom();

  HandoffService(
      WorkOrderStore store,
      PersonalData personalData,
      ResidentDirectory residents,
      AuditLog audit,
      ApplicationEventPublisher events,
      HandoffProperties properties,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.personalData = personalData;
    this.residents = residents;
    this.audit = audit;
    this.events = events;
    this.properties = properties;
    this.staffedHours = new StaffedHours(properties, store);
    this.clock = clock;
    this.newTransaction = new TransactionTemplate(transactions);
    // a savepoint on the caller's connection, not a second connection (see ResidentDirectory)
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * What is needed to open an order.
   *
   * @param priority 0 (emergency) to 3; residents marked as needing extra help get one step more
   * @param contactPhone a number the resident gave for this report, or null (the channel identity
   *     of {@code residentId} is used then)
   * @param actor who opens it: "resident" from a conversation, an Open311 client's name, ...
   */
  public record OpenRequest(
      String category,
      int priority,
      String summary,
      String location,
      String conversationId,
      String residentId,
      String channel,
      String contactPhone,
      String actor,
      Reporter reporter) {

    public OpenRequest(String category, int priority, String summary, String location, String conversationId,
        String residentId, String channel, String contactPhone, String actor) {
      this(category, priority, summary, location, conversationId, residentId, channel, contactPhone, actor, null);
    }
  }

  /**
   * A family member or carer who opened the order for the resident (the order's subject).
   *
   * @param proxyId their record (resident_proxy.id)
   * @param relation their relation to the resident as recorded
   */
  public record Reporter(long proxyId, String relation) {}

  /** Opens a work order, routed to the department that owns its category. */
  @Transactional
  public WorkOrder open(OpenRequest request) {
    Instant now = clock.instant();
    String category =
        request.category() == null || request.category().isBlank()
            ? "other"
            : request.category().strip().toLowerCase(Locale.ROOT);
    RoutingRule route =
        store.route(category).or(() -> store.route("other")).orElseThrow(
            () -> new IllegalStateException("the routing table has no row for 'other'"));
    int priority = Math.max(0, Math.min(3, request.priority()));
    if (store.needsExtraHelp(request.residentId()) && priority > 0) {
      priority--;
    }
    Duration sla = properties.sla(priority);
    if (route.slaHours() != null && Duration.ofHours(route.slaHours()).compareTo(sla) < 0) {
      sla = Duration.ofHours(route.slaHours());
    }
    String number = issueNumber(now);
    String summary = limit(request.summary() == null || request.summary().isBlank()
        ? category : request.summary().strip());
    String contact =
        request.contactPhone() == null || request.contactPhone().isBlank()
            ? null
            : personalData.encrypt(request.contactPhone().strip());
    long id =
        store.insert(
            new WorkOrderStore.NewOrder(
                number,
                category,
                priority,
                route.department(),
                summary,
                request.location(),
                request.conversationId(),
                request.residentId(),
                request.channel(),
                contact,
                now,
                now.plus(sla)));
    String actor = request.actor() == null ? "resident" : request.actor();
    store.appendEvent(
        id, now, actor, "opened",
        "category=" + category + " priority=" + priority + " department=" + route.department());
    if (request.reporter() != null) {
      // the carer is the reporter, the resident stays the subject: staff see both in the history
      store.setReporter(id, request.reporter().proxyId());
      store.appendEvent(id, now, actor, "reported_by_carer",
          "proxy=" + request.reporter().proxyId() + " relation=" + request.reporter().relation());
    }
    WorkOrder order = store.find(number).orElseThrow();
    publish(order, "opened", actor, actor, summary);
    log.info(
        "event=ticket_opened number={} category={} priority={} department={}",
        number, category, priority, route.department());
    return order;
  }

  /**
   * Records in the order's history that nobody can be told about it: it came without a
   * conversation and without a number to reach the resident on (see ContactOrders).
   */
  @Transactional
  public void unreachable(String number) {
    WorkOrder order = store.find(number).orElseThrow(() -> HandoffException.notFound(number));
    store.appendEvent(order.id(), clock.instant(), Actor.SYSTEM.username(), "resident_unreachable",
        "no contact given: the resident is not told of changes and is not asked for a rating");
    log.info("event=ticket_resident_unreachable number={}", number);
  }

  /**
   * A contact number as given in a form or an Open311 request, or empty when none was given.
   * Spaces, dashes, dots and brackets are allowed; what remains must be 5 to 15 digits, with an
   * optional leading + (a mainland mobile, a landline with its area code, a service number).
   *
   * @throws HandoffException INVALID (error.contact.phone) for anything else
   */
  public static Optional<String> contactPhone(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String compact = raw.strip().replaceAll("[\\s\\-.()\u00a0]", "");
    if (!compact.matches("\\+?\\d{5,15}")) {
      throw HandoffException.invalid("error.contact.phone",
          "the contact phone must be a telephone number (digits, optionally with + - . ( ) and spaces)");
    }
    return Optional.of(compact);
  }

  /** Six digits, never starting with 0 (so it reads the same spoken), never issued before. */
  private String issueNumber(Instant now) {
    for (int attempt = 0; attempt < 50; attempt++) {
      String candidate = Integer.toString(100_000 + random.nextInt(900_000));
      if (store.numberIssued(candidate)) {
        continue;
      }
      try {
        // its own savepoint: a clash with another node must not spoil the caller's transaction
        newTransaction.executeWithoutResult(tx -> store.issueNumber(candidate, now));
        return candidate;
      } catch (org.springframework.dao.DuplicateKeyException clash) {
        // another node took it a moment ago: draw again
      }
    }
    throw new IllegalStateException("could not draw a free case number");
  }

  /** Orders the actor may see, optionally of one status, most urgent first. */
  @Transactional(readOnly = true)
  public List<WorkOrder> visibleTo(Actor actor, TicketStatus status) {
    return search(actor, status, null);
  }

  /** Orders the actor may see whose number, summary or category matches {@code text}. */
  @Transactional(readOnly = true)
  public List<WorkOrder> search(Actor actor, TicketStatus status, String text) {
    String q = text == null || text.isBlank() ? null : text.strip();
    String code = status == null ? null : status.code();
    if (actor.supervisor()) {
      return store.list(code, null, null, q, 500);
    }
    if (actor.department() == null) {
      return store.list(code, null, actor.username(), q, 500);
    }
    return store.list(code, actor.department(), actor.username(), q, 500);
  }

  /** Orders the actor owns, open ones first. */
  @Transactional(readOnly = true)
  public List<WorkOrder> ownedBy(Actor actor) {
    return store.list(null, null, actor.username(), null, 500).stream()
        .sorted(java.util.Comparator.comparing((WorkOrder o) -> !o.status().open()))
        .toList();
  }

  /** The order, when the actor may see it. */
  @Transactional(readOnly = true)
  public WorkOrder get(Actor actor, String number) {
    WorkOrder order = store.find(number).orElseThrow(() -> HandoffException.notFound(number));
    checkVisible(actor, order);
    return order;
  }

  /** The order by its number, for the resident who quotes it (status lookups on any channel). */
  @Transactional(readOnly = true)
  public Optional<WorkOrder> byNumber(String number) {
    return number == null ? Optional.empty() : store.find(number.strip());
  }

  @Transactional(readOnly = true)
  public List<WorkOrder> forConversation(String conversationId) {
    return store.forConversation(conversationId);
  }

  @Transactional(readOnly = true)
  public List<WorkOrder> forResident(String residentId) {
    return residentId == null ? List.of() : store.forResident(residentId);
  }

  /** The carer's record (resident_proxy.id) of the carer who opened an order for its resident, if one did. */
  @Transactional(readOnly = true)
  public Optional<Long> reportedByProxy(String number) {
    return store.reporter(number);
  }

  /** The order's open order for a conversation in human mode, if there is one. */
  @Transactional(readOnly = true)
  public Optional<WorkOrder> openOrderOf(String conversationId) {
    return store.forConversation(conversationId).stream().filter(o -> o.status().open()).findFirst();
  }

  @Transactional(readOnly = true)
  public List<HistoryEntry> history(Actor actor, String number) {
    return store.history(get(actor, number).id());
  }

  /**
   * The resident's contact details, decrypted, for a member of staff who may handle the order.
   * Every call is written to the audit log.
   */
  @Transactional
  public Optional<String> contact(Actor actor, String number) {
    WorkOrder order = get(actor, number);
    Optional<String> contact =
        store.contactEnc(number)
            .map(personalData::decrypt)
            .or(() -> residentContact(order));
    audit.record(actor.username(), "contact.view", "work_order:" + number,
        contact.isPresent() ? "shown" : "none on file");
    store.appendEvent(order.id(), clock.instant(), actor.username(), "contact_viewed", null);
    return contact;
  }

  private Optional<String> residentContact(WorkOrder order) {
    if (order.residentId() == null) {
      return Optional.empty();
    }
    IdentityKind kind = "wechat".equals(order.channel()) ? IdentityKind.WECHAT_OPENID : IdentityKind.PHONE;
    return residents.contact(order.residentId(), kind)
        .or(() -> residents.contact(order.residentId(), IdentityKind.PHONE));
  }

  /**
   * Claims an order: the first claim makes the actor its accountable owner until closure. A
   * member of the department an order is being transferred to accepts the transfer by claiming.
   */
  @Transactional
  public WorkOrder claim(Actor actor, String number) {
    WorkOrder order = locked(actor, number);
    Instant now = clock.instant();
    if (order.transferTo() != null
        && (actor.supervisor() || order.transferTo().equals(actor.department()))
        && !actor.username().equals(order.owner())) {
      store.update(number,
          "department = ?, transfer_to = null, transfer_reason = null, transfer_reason_enc = null,"
              + " owner = ?, owner_name = ?,"
              + " status = case when status = 'new' then 'claimed' else status end,"
              + " claimed_at = coalesce(claimed_at, ?)",
          now, order.transferTo(), actor.username(), actor.displayName(), WorkOrderStore.utc(now));
      return record(number, actor, "transfer_accepted",
          "from=" + order.department() + " to=" + order.transferTo() + " previous_owner=" + order.owner(), null);
    }
    if (order.status() != TicketStatus.NEW) {
      if (actor.username().equals(order.owner())) {
        return order;
      }
      throw HandoffException.conflict("error.ticket.alreadyClaimed",
          "order " + number + " is already owned by " + order.owner());
    }
    if (!actor.supervisor() && !order.department().equals(actor.department())) {
      throw HandoffException.forbidden("order " + number + " belongs to another department");
    }
    store.update(number, "status = 'claimed', owner = ?, owner_name = ?, claimed_at = ?", now,
        actor.username(), actor.displayName(), WorkOrderStore.utc(now));
    return record(number, actor, "claimed", null, null);
  }

  /**
   * A member of staff takes a live conversation over in person (at the hall kiosk): its open order
   * is claimed, or else an order is opened and claimed at once. An order opened this way belongs to
   * the department of the member of staff who took it, since they are there to help.
   */
  @Transactional
  public WorkOrder takeOver(Actor actor, OpenRequest request) {
    Optional<WorkOrder> open = openOrderOf(request.conversationId());
    if (open.isPresent()) {
      WorkOrder order = open.get();
      if (order.status() == TicketStatus.NEW && order.transferTo() == null && !actor.supervisor()
          && actor.department() != null && !actor.department().equals(order.department())) {
        throw HandoffException.forbidden("order " + order.number() + " belongs to another department");
      }
      return claim(actor, order.number());
    }
    WorkOrder order = open(request);
    if (actor.department() != null && !actor.department().equals(order.department())
        && store.departmentExists(actor.department())) {
      store.update(order.number(), "department = ?", clock.instant(), actor.department());
    }
    return claim(actor, order.number());
  }

  /** A staff reply to the resident: stored in the history and sent on the resident's channel. */
  @Transactional
  public WorkOrder reply(Actor actor, String number, String text) {
    String message = requireText(text);
    WorkOrder order = locked(actor, number);
    requireOwner(actor, order);
    requireOpen(order);
    Instant now = clock.instant();
    if (order.status() == TicketStatus.CLAIMED || order.status() == TicketStatus.WAITING_RESIDENT) {
      store.update(number, "status = 'in_progress'", now);
    }
    return record(number, actor, "message", message, message);
  }

  /** An internal note: in the history, never sent to the resident. */
  @Transactional
  public WorkOrder note(Actor actor, String number, String text) {
    String note = requireText(text);
    locked(actor, number);
    return record(number, actor, "note", note, null);
  }

  /** Marks the order as waiting for the resident's answer. */
  @Transactional
  public WorkOrder waitForResident(Actor actor, String number) {
    WorkOrder order = locked(actor, number);
    requireOwner(actor, order);
    requireOpen(order);
    store.update(number, "status = 'waiting_resident'", clock.instant());
    return record(number, actor, "waiting", null, null);
  }

  /**
   * Starts a transfer to another department, with a reason. The current owner stays accountable
   * until a member of the receiving department accepts it by claiming.
   */
  @Transactional
  public WorkOrder transfer(Actor actor, String number, String department, String reason) {
    WorkOrder order = locked(actor, number);
    requireOpen(order);
    if (order.owner() != null) {
      requireOwner(actor, order);
    } else if (!actor.supervisor() && !order.department().equals(actor.department())) {
      throw HandoffException.forbidden("order " + number + " belongs to another department");
    }
    requirePlainText(reason);
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw HandoffException.invalid("error.transfer.reason", "a transfer needs a reason");
    }
    if (department == null || !store.departmentExists(department)) {
      throw HandoffException.invalid("error.transfer.department", "no department " + department);
    }
    if (department.equals(order.department())) {
      throw HandoffException.invalid("error.transfer.sameDepartment", "already in " + department);
    }
    Instant now = clock.instant();
    if (order.owner() == null) {
      // nobody is accountable yet: the receiving department's queue has it at once
      store.update(number,
          "department = ?, transfer_to = null, transfer_reason = null, transfer_reason_enc = null", now,
          department);
    } else {
      store.update(number, "transfer_to = ?, transfer_reason_enc = ?, transfer_reason = null", now,
          department, store.seal(limit(why)));
    }
    return record(number, actor, "transferred",
        "from=" + order.department() + " to=" + department + " reason=" + limit(why), null);
  }

  /** A supervisor makes another member of staff the owner. */
  @Transactional
  public WorkOrder reassign(Actor actor, String number, String username, String displayName, String department) {
    if (!actor.supervisor()) {
      throw HandoffException.forbidden("only supervisors reassign orders");
    }
    WorkOrder order = locked(actor, number);
    requireOpen(order);
    Instant now = clock.instant();
    store.update(number,
        "owner = ?, owner_name = ?, department = coalesce(?, department), transfer_to = null,"
            + " transfer_reason = null, transfer_reason_enc = null,"
            + " status = case when status = 'new' then 'claimed' else status end,"
            + " claimed_at = coalesce(claimed_at, ?)",
        now, username, displayName, department, WorkOrderStore.utc(now));
    return record(number, actor, "reassigned", "from=" + order.owner() + " to=" + username, null);
  }

  /** Resolves the order; the resident is told and asked for a rating. */
  @Transactional
  public WorkOrder resolve(Actor actor, String number, String resolution) {
    String text = requireText(resolution);
    WorkOrder order = locked(actor, number);
    requireOwner(actor, order);
    requireOpen(order);
    Instant now = clock.instant();
    store.update(number,
        "status = 'resolved', resolution_enc = ?, resolution = null, resolved_at = ?, supervisor_review = false",
        now, store.seal(text), WorkOrderStore.utc(now));
    return record(number, actor, "resolved", text, text);
  }

  /** Hands the conversation back to the assistant; the order stays open with its owner. */
  @Transactional
  public WorkOrder release(Actor actor, String number) {
    WorkOrder order = locked(actor, number);
    requireOwner(actor, order);
    return record(number, actor, "released", null, null);
  }

  /** Closes a resolved order (also done by a rating of 3 or more). */
  @Transactional
  public WorkOrder close(Actor actor, String number) {
    WorkOrder order = locked(actor, number);
    if (!actor.supervisor() && !actor.username().equals(order.owner())) {
      throw HandoffException.forbidden("only the owner or a supervisor closes an order");
    }
    if (order.status() != TicketStatus.RESOLVED) {
      throw HandoffException.conflict("error.ticket.notResolved", "only a resolved order is closed");
    }
    Instant now = clock.instant();
    store.update(number, "status = 'closed', closed_at = ?", now, WorkOrderStore.utc(now));
    return record(number, actor, "closed", null, null);
  }

  /** The outcome of a resident's rating. */
  public record Rating(WorkOrder order, boolean reopened) {}

  /**
   * The resident's rating of a resolved order, 1 to 5: 3 or more closes it; 1 or 2 reopens it for
   * a supervisor (the owner stays accountable).
   */
  @Transactional
  public Rating rate(String number, int score, String comment) {
    // no conversation lock first: a rating changes no conversation (its notices tell nobody), and
    // the rater's turn already holds its own conversation, which need not be the order's
    WorkOrder order = store.lock(number).orElseThrow(() -> HandoffException.notFound(number));
    if (score < 1 || score > 5) {
      throw HandoffException.invalid("error.rating.range", "a rating is 1 to 5");
    }
    if (order.rating() != null && order.status() != TicketStatus.RESOLVED) {
      return new Rating(order, false);
    }
    Instant now = clock.instant();
    String text = comment == null || comment.isBlank() ? null : limit(comment.strip());
    store.update(number, "rating = ?, rating_comment_enc = ?, rating_comment = null, rated_at = ?", now,
        score, store.seal(text), WorkOrderStore.utc(now));
    record(number, Actor.RESIDENT, "rated", "score=" + score + (text == null ? "" : " comment=" + text), null);
    if (score <= 2) {
      store.update(number,
          "status = 'in_progress', supervisor_review = true, resolved_at = null", now);
      return new Rating(record(number, Actor.SYSTEM, "reopened", "low rating " + score
          + ": a supervisor reviews the order", null), true);
    }
    store.update(number, "status = 'closed', closed_at = ?", now, WorkOrderStore.utc(now));
    return new Rating(record(number, Actor.SYSTEM, "closed", "rated " + score, null), false);
  }

  /**
   * A resident's message in a handed-over conversation: added to the order's history (staff see
   * it live) and answered with where the order stands.
   */
  @Transactional
  public Optional<QueueInfo> residentMessage(String conversationId, String text) {
    Optional<WorkOrder> open = openOrderOf(conversationId);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    WorkOrder order = open.get();
    Instant now = clock.instant();
    if (order.status() == TicketStatus.WAITING_RESIDENT) {
      store.update(order.number(), "status = 'in_progress'", now);
    }
    record(order.number(), Actor.RESIDENT, "resident_message", limit(text), text);
    return Optional.of(queueInfo(order));
  }

  /** Where an order stands in its queue, for the words the resident is told. */
  @Transactional(readOnly = true)
  public QueueInfo queueInfo(WorkOrder order) {
    if (order.status() != TicketStatus.NEW) {
      return new QueueInfo(order.number(), true, 0, Duration.ZERO, null, false);
    }
    int position = store.queuePosition(order);
    Instant now = clock.instant();
    boolean callback = store.needsExtraHelp(order.residentId());
    if (!staffedHours.staffed(now)) {
      return new QueueInfo(order.number(), false, position, null, staffedHours.nextStaffed(now), callback);
    }
    return new QueueInfo(order.number(), false, position,
        perPlace(order.department(), now).multipliedBy(position), null, callback);
  }

  /** At least this many claims in the window make the median worth using. */
  static final int MIN_CLAIM_SAMPLES = 3;
  static final int MAX_CLAIM_SAMPLES = 50;
  static final Duration CLAIM_WINDOW = Duration.ofDays(7);

  /**
   * The expected wait per place in the queue: the median time from opening to first claim of the
   * department's last 50 orders claimed in the past 7 days; with fewer than 3 such claims, the
   * configured {@code handling-time}.
   */
  private Duration perPlace(String department, Instant now) {
    List<Duration> waits = store.recentClaimWaits(department, now.minus(CLAIM_WINDOW), MAX_CLAIM_SAMPLES);
    if (waits.size() < MIN_CLAIM_SAMPLES) {
      return properties.handlingTime();
    }
    List<Duration> sorted = waits.stream().map(d -> d.isNegative() ? Duration.ZERO : d).sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }

  /** Staffed days and hours, as residents are told them. */
  public record Staffing(java.util.Set<java.time.DayOfWeek> days, java.time.LocalTime from, java.time.LocalTime until) {}

  @Transactional(readOnly = true)
  public Staffing staffing() {
    StaffedHours.Schedule s = staffedHours.schedule();
    return new Staffing(s.days(), s.from(), s.until());
  }

  /** An administrator sets when staff answer; outside these hours residents are told when someone will call back. */
  @Transactional
  public Staffing setStaffing(Actor admin, Staffing staffing) {
    if (staffing.days() == null || staffing.days().isEmpty() || staffing.from() == null
        || staffing.until() == null || !staffing.from().isBefore(staffing.until())) {
      throw HandoffException.invalid("error.staffing.invalid", "days, and from before until, are required");
    }
    Instant now = clock.instant();
    store.saveSetting(StaffedHours.DAYS, StaffedHours.daysText(staffing.days()), admin.username(), now);
    store.saveSetting(StaffedHours.FROM, staffing.from().toString(), admin.username(), now);
    store.saveSetting(StaffedHours.UNTIL, staffing.until().toString(), admin.username(), now);
    audit.record(admin.username(), "handoff.staffing_changed", "setting:staffed-hours",
        StaffedHours.daysText(staffing.days()) + " " + staffing.from() + "-" + staffing.until());
    return staffing();
  }

  @Transactional(readOnly = true)
  public List<RoutingRule> routingTable() {
    return store.routes();
  }

  @Transactional(readOnly = true)
  public List<String> departments() {
    return store.departments();
  }

  /** An administrator changes which department owns a category (and its deadline). */
  @Transactional
  public RoutingRule route(Actor admin, RoutingRule rule) {
    if (rule.category() == null || !rule.category().matches("[a-z_]{1,32}")) {
      throw HandoffException.invalid("error.route.category", "a category is 1-32 of a-z and _");
    }
    if (!store.departmentExists(rule.department())) {
      throw HandoffException.invalid("error.transfer.department", "no department " + rule.department());
    }
    if (rule.slaHours() != null && rule.slaHours() <= 0) {
      throw HandoffException.invalid("error.route.sla", "sla_hours must be positive");
    }
    store.saveRoute(rule, admin.username(), clock.instant());
    audit.record(admin.username(), "routing.update", "routing_rule:" + rule.category(),
        "department=" + rule.department() + " sla_hours=" + rule.slaHours());
    return rule;
  }

  /**
   * A notice the resident could not be sent (a landline caller, or a delivery that failed after
   * every retry) becomes a task in the order's history: staff phone the resident instead.
   */
  @Transactional
  public void callbackTask(String conversationId, String why, String text) {
    openOrderOf(conversationId)
        .or(() -> store.forConversation(conversationId).stream().findFirst())
        .ifPresent(order -> {
          store.appendEvent(order.id(), clock.instant(), Actor.SYSTEM.username(), "callback_task",
              why + ": " + limit(text));
          publish(order, "callback_task", Actor.SYSTEM.username(), Actor.SYSTEM.displayName(), text);
        });
  }

  /**
   * The closing call to a landline resident ended without a rating ({@code callStatus}: busy,
   * no-answer, failed, or answered but no key pressed): staff get a callback task, once per
   * resolution, however often Twilio reports the end. Nothing happens once the order was rated.
   */
  @Transactional
  public void ratingCallEnded(String number, String callStatus) {
    WorkOrder order = locked(Actor.SYSTEM, number);
    if (order.status() != TicketStatus.RESOLVED || order.conversationId() == null) {
      return;
    }
    boolean already = store.history(order.id()).stream()
        .anyMatch(h -> "callback_task".equals(h.type()) && h.detail() != null
            && h.detail().startsWith("rating_call") && !h.at().isBefore(order.resolvedAt()));
    if (already) {
      return;
    }
    String text = "rating call " + callStatus + ": phone the resident, tell them the outcome and ask for a rating";
    store.appendEvent(order.id(), clock.instant(), Actor.SYSTEM.username(), "callback_task",
        "rating_call " + callStatus + ": " + limit(order.resolution()));
    publish(order, "callback_task", Actor.SYSTEM.username(), Actor.SYSTEM.displayName(), text);
    log.info("event=ticket_callback_task number={} why=rating_call status={}", number, callStatus);
  }

  /** Alerts supervisors once about each order nobody claimed in time. Safe to run on any node. */
  @Transactional
  public int alertUnclaimed() {
    Instant now = clock.instant();
    int alerted = 0;
    for (String number : store.unclaimedSince(now.minus(properties.unclaimedAlertAfter()))) {
      lockOrderOfLocks(number);
      if (store.markOnce(number, "unclaimed_alerted")) {
        WorkOrder order = store.find(number).orElseThrow();
        record(number, Actor.SYSTEM, "unclaimed_alert",
            "unclaimed for " + Duration.between(order.createdAt(), now).toMinutes() + " min", null);
        alerted++;
      }
    }
    return alerted;
  }

  /** Tells the resident once that their order ran past its deadline. */
  @Transactional
  public int notifyOverdue() {
    Instant now = clock.instant();
    int notified = 0;
    for (String number : store.overdue(now)) {
      lockOrderOfLocks(number);
      if (store.markOnce(number, "breach_notified")) {
        record(number, Actor.SYSTEM, "sla_breached", null, null);
        notified++;
      }
    }
    return notified;
  }

  private WorkOrder locked(Actor actor, String number) {
    lockOrderOfLocks(number);
    WorkOrder order = store.lock(number).orElseThrow(() -> HandoffException.notFound(number));
    checkVisible(actor, order);
    return order;
  }

  /** Lets the conversation be locked before the order (see {@link TicketChangeStarting}). */
  private void lockOrderOfLocks(String number) {
    store.find(number)
        .filter(o -> o.conversationId() != null)
        .ifPresent(o -> events.publishEvent(new TicketChangeStarting(number, o.conversationId())));
  }

  private static void checkVisible(Actor actor, WorkOrder order) {
    if (actor.supervisor()
        || actor.username().equals(order.owner())
        || (actor.department() != null
            && (actor.department().equals(order.department())
                || actor.department().equals(order.transferTo())))) {
      return;
    }
    // the same answer as for a number that does not exist: nothing leaks across departments
    throw HandoffException.notFound(order.number());
  }

  private static void requireOwner(Actor actor, WorkOrder order) {
    if (order.owner() == null) {
      throw HandoffException.conflict("error.ticket.notClaimed", "claim the order first");
    }
    if (!actor.username().equals(order.owner()) && !actor.supervisor()) {
      throw HandoffException.forbidden("order " + order.number() + " is owned by someone else");
    }
  }

  private static void requireOpen(WorkOrder order) {
    if (!order.status().open()) {
      throw HandoffException.conflict("error.ticket.closed", "the order is already " + order.status().code());
    }
  }

  private static String requireText(String text) {
    if (text == null || text.isBlank()) {
      throw HandoffException.invalid("error.text.empty", "the text is empty");
    }
    requirePlainText(text);
    String stripped = text.strip();
    if (stripped.codePointCount(0, stripped.length()) > MAX_TEXT) {
      throw HandoffException.invalid("error.text.tooLong", "the text is over " + MAX_TEXT + " characters");
    }
    return stripped;
  }

  private static void requirePlainText(String text) {
    if (InputText.hasForbiddenCharacters(text)) {
      throw HandoffException.invalid("error.text.invalidCharacters", "control characters in the text");
    }
  }

  private static String limit(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }

  private WorkOrder record(String number, Actor actor, String type, String detail, String text) {
    WorkOrder order = store.find(number).orElseThrow();
    store.appendEvent(order.id(), clock.instant(), actor.username(), type, detail);
    publish(order, type, actor.username(), actor.displayName(), text);
    log.info("event=ticket_{} number={} actor={}", type, number, actor.username());
    return order;
  }

  private void publish(WorkOrder order, String type, String actor, String actorName, String text) {
    events.publishEvent(
        new TicketEvent(order.number(), order.conversationId(), order.department(), type,
            order.status(), actor, actorName, text));
  }
}
