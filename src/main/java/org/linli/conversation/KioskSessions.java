package org.linli.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.linli.audit.AuditLog;
import org.linli.dialog.Channel;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffException;
import org.linli.handoff.HandoffService;
import org.linli.handoff.WorkOrder;
import org.linli.knowledge.Lang;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hall kiosks' live conversations, for staff who walk over to help the resident standing
 * there: listed without anything personal, and joined through the ordinary handoff (the
 * conversation goes to human mode and its work order is claimed by the member of staff, opened
 * first when there is none). Handing it back is the order's ordinary "release".
 */
@Service
public class KioskSessions {

  /** A kiosk conversation with a message in this window counts as live. */
  public static final Duration ACTIVE_WINDOW = Duration.ofMinutes(10);

  /** The category of orders opened when staff join a kiosk conversation. */
  public static final String CATEGORY = "kiosk_help";

  private final ConversationStore store;
  private final HandoffService handoff;
  private final AuditLog audit;
  private final ResidentWords words;
  private final Clock clock;

  KioskSessions(ConversationStore store, HandoffService handoff, AuditLog audit, ResidentWords words, Clock clock) {
    this.words = words;
    this.store = store;
    this.handoff = handoff;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * One live kiosk conversation as staff see it in the list.
   *
   * @param ref the first eight characters of the conversation id, to tell sessions apart
   * @param lastIntent the topic of the resident's last message (an intent name), or null
   * @param ticket the number of its open work order, or null
   */
  public record LiveSession(
      String id,
      String ref,
      Lang lang,
      boolean withStaff,
      Instant startedAt,
      Instant lastActivity,
      int messages,
      String lastIntent,
      String ticket) {}

  @Transactional(readOnly = true)
  public List<LiveSession> live() {
    Instant since = clock.instant().minus(ACTIVE_WINDOW);
    return store.activeOn(Channel.KIOSK, since).stream()
        .map(r -> new LiveSession(
            r.id(),
            r.id().substring(0, Math.min(8, r.id().length())),
            r.lang(),
            "human".equals(r.mode()),
            r.startedAt(),
            r.lastActivity(),
            r.messages(),
            r.lastIntent(),
            handoff.openOrderOf(r.id()).map(WorkOrder::number).orElse(null)))
        .toList();
  }

  /**
   * A member of staff joins a live kiosk conversation: it goes to human mode and its work order
   * (opened now when there is none) is theirs. Every join is in the audit log.
   *
   * @throws HandoffException NOT_FOUND for anything but a live kiosk conversation; CONFLICT when
   *     another member of staff already has it
   */
  @Transactional
  public WorkOrder join(Actor actor, String conversationId) {
    Instant now = clock.instant();
    ConversationStore.ConversationRow conversation =
        Optional.ofNullable(conversationId)
            .filter(id -> id.length() <= 64)
            .flatMap(store::lock)
            .filter(c -> c.channel() == Channel.KIOSK)
            .filter(c -> store.activeOn(Channel.KIOSK, now.minus(ACTIVE_WINDOW)).stream()
                .anyMatch(r -> r.id().equals(c.id())))
            .orElseThrow(() -> new HandoffException(
                HandoffException.Kind.NOT_FOUND, "error.kiosk.notLive", "no live kiosk conversation " + conversationId));
    WorkOrder order =
        handoff.takeOver(
            actor,
            new HandoffService.OpenRequest(
                CATEGORY,
                2,
                words.get(Lang.ZH, "kiosk.join.summary"),
                null,
                conversation.id(),
                conversation.residentId(),
                Channel.KIOSK.code(),
                null,
                actor.username()));
    store.setMode(conversation.id(), "human", now);
    audit.record(actor.username(), "kiosk.join", "conversation:" + conversation.id(), "work_order:" + order.number());
    return order;
  }
}
