package org.linli.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.linli.care.CareService;
import org.linli.dialog.Channel;
import org.linli.dialog.DialogueState;
import org.linli.handoff.TicketChangeStarting;
import org.linli.handoff.TicketEvent;
import org.linli.knowledge.Lang;
import org.linli.outbox.Outbox;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the resident, in their conversation and on their channel, what happens to their work
 * order: a person took it, a staff reply, the resolution (then the rating question), the
 * deadline passed, the person handed back to the assistant. Runs inside the transaction of the
 * change, so the notice and the change are stored together; channels that can be pushed to
 * (SMS, WeChat; the phone by SMS) get it through the outbox, web chat and kiosk by their event
 * stream.
 */
@Component
class ResidentNotifier {

  private final ConversationStore store;
  private final StateCodec states;
  private final ResidentWords words;
  private final Outbox outbox;
  private final ResidentDirectory residents;
  private final CareService care;
  private final org.linli.handoff.HandoffService handoff;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final ConversationProperties properties;
  private final org.springframework.beans.factory.ObjectProvider<org.linli.channels.OutboundSender> senders;

  ResidentNotifier(
      ConversationStore store,
      ResidentWords words,
      Outbox outbox,
      ResidentDirectory residents,
      CareService care,
      org.linli.handoff.HandoffService handoff,
      ApplicationEventPublisher events,
      Clock clock,
      ConversationProperties properties,
      org.springframework.beans.factory.ObjectProvider<org.linli.channels.OutboundSender> senders,
      org.linli.privacy.PersonalData personalData) {
    this.states = new StateCodec(personalData);
    this.properties = properties;
    this.senders = senders;
    this.store = store;
    this.words = words;
    this.outbox = outbox;
    this.residents = residents;
    this.care = care;
    this.handoff = handoff;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Every path locks the conversations before the order (see TicketChangeStarting): the order's
   * own, and the recent conversations of the others who may be asked for the rating on their own
   * channel (the resident a carer wrote for, the resident's carers), all in the order of their ids.
   * Two changes at once — the resident's order and the one their carer filed — then wait for each
   * other instead of each holding one conversation and waiting for the other's (a deadlock).
   */
  @EventListener
  void lockFirst(TicketChangeStarting change) {
    Optional<ConversationStore.ConversationRow> conversation = store.find(change.conversationId());
    if (conversation.isEmpty()) {
      return;
    }
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    ids.add(conversation.get().id());
    Instant since = clock.instant().minus(properties.idleTimeout());
    for (Recipient r : others(change.number(), conversation.get())) {
      store.latestOf(r.residentId(), r.channel(), since).ifPresent(c -> ids.add(c.id()));
    }
    Set<String> locked = lockedInThisTransaction();
    for (String id : ids) {
      store.lock(id).ifPresent(c -> locked.add(c.id()));
    }
  }

  /**
   * The changes the resident is told of. The others (notes, transfers, ratings, closing, ...) take
   * no lock on the conversation: a rating comes from a turn that holds its own conversation, which
   * need not be the order's.
   */
  private static final Set<String> TOLD =
      Set.of("opened", "claimed", "transfer_accepted", "reassigned", "message", "resolved", "released",
          "sla_breached");

  @EventListener
  void on(TicketEvent event) {
    if (event.conversationId() == null || !TOLD.contains(event.type())) {
      return;
    }
    Optional<ConversationStore.ConversationRow> found = store.lock(event.conversationId());
    if (found.isEmpty()) {
      return;
    }
    ConversationStore.ConversationRow conversation = found.get();
    Lang lang = conversation.lang();
    Instant now = clock.instant();
    List<String> notices = new ArrayList<>();
    String author = "assistant";
    // what the order's resident and their carers hear on their own channels, besides this conversation
    boolean forOthers = true;
    switch (event.type()) {
      case "opened" -> {
        // the writer of the conversation was told in the turn's reply; the others are told here
        String text = words.get(lang, "resident.ticket.opened", event.number());
        tellOthers(event.number(), conversation, "ticket:" + event.number() + ":opened", text,
            words.get(lang, "resident.carer.openedForYou", event.number()), lang);
        return;
      }
      case "claimed", "transfer_accepted", "reassigned" ->
          notices.add(words.get(lang, "resident.ticket.claimed", event.actorName(), event.number()));
      case "message" -> {
        // a staff member talking with whoever wrote; the case notices reach the others
        author = "staff";
        forOthers = false;
        notices.add(event.text());
      }
      case "resolved" -> {
        notices.add(words.get(lang, "resident.ticket.resolved", event.number(), event.text()));
        notices.add(words.get(lang, "resident.rating.ask"));
        expectRating(conversation, lang, event.number(), now);
      }
      case "released" -> {
        forOthers = false;
        notices.add(words.get(lang, "resident.ticket.released", event.number()));
        store.setMode(conversation.id(), "bot", now);
      }
      case "sla_breached" -> notices.add(words.get(lang, "resident.ticket.overdue", event.number()));
      default -> {
        // notes, transfers, the resident's own messages: nothing to tell the resident
      }
    }
    String landline = "resolved".equals(event.type()) ? landlineToCall(conversation) : null;
    Long first = null;
    for (String text : notices) {
      long id = stored(conversation, author, text, now);
      first = first == null ? id : first;
      if (landline == null) {
        push(conversation, id, text);
      }
      if (forOthers) {
        tellOthers(event.number(), conversation, "message:" + id, text, text, lang);
      }
    }
    if (landline != null && first != null) {
      // one call per resolution: the key is the resolution notice's message id
      outbox.enqueue("rating-call:" + event.number() + ":" + first, Channel.VOICE, landline,
          conversation.id(), null, event.number());
    }
    if (forOthers && "resolved".equals(event.type())) {
      // the others may answer the rating question on their own channel
      for (Recipient r : others(event.number(), conversation)) {
        awaitRating(r, event.number(), lang, now);
      }
    }
  }

  /**
   * Tells the resident of an order they did not open in a conversation (filed through Open311 or
   * entered by staff, see {@link ContactOrders}) that it was opened, on the conversation made for
   * their contact number: by SMS on a mobile, as a callback task for staff on a landline.
   */
  void tellOpened(ConversationStore.ConversationRow conversation, String number) {
    Instant now = clock.instant();
    String text = words.get(conversation.lang(), "resident.ticket.filed", number);
    push(conversation, stored(conversation, "assistant", text, now), text);
  }

  /** Someone other than the writer of the order's conversation who hears about the order. */
  private record Recipient(String residentId, String keySuffix, Channel channel, String address, String label) {}

  /**
   * The order's resident, when a carer wrote for them, and every carer whose record is in force,
   * each on their own channel: SMS where a phone number is known, otherwise WeChat.
   */
  private List<Recipient> others(String number, ConversationStore.ConversationRow conversation) {
    var order = handoff.byNumber(number).orElse(null);
    if (order == null || order.residentId() == null) {
      return List.of();
    }
    List<Recipient> out = new ArrayList<>();
    String writer = conversation.residentId();
    String subject = order.residentId();
    if (!subject.equals(writer)) {
      reach(subject, ":resident", null).ifPresent(out::add);
    }
    String label = null;
    for (CareService.Proxy proxy : care.proxies(subject)) {
      if (proxy.active() && !proxy.proxyResidentId().equals(writer)) {
        if (label == null) {
          label = CarerTurns.tail(residents, subject);
        }
        reach(proxy.proxyResidentId(), ":proxy:" + proxy.id(), label).ifPresent(out::add);
      }
    }
    return out;
  }

  private java.util.Optional<Recipient> reach(String residentId, String keySuffix, String label) {
    return residents.contact(residentId, IdentityKind.PHONE)
        .map(phone -> new Recipient(residentId, keySuffix, Channel.SMS, phone, label))
        .or(() -> residents.contact(residentId, IdentityKind.WECHAT_OPENID)
            .map(openid -> new Recipient(residentId, keySuffix, Channel.WECHAT, openid, label)));
  }

  /** Through the outbox, once per recipient and notice (the key says which), and not after revocation. */
  private void tellOthers(String number, ConversationStore.ConversationRow conversation, String key, String text,
      String residentText, Lang lang) {
    for (Recipient r : others(number, conversation)) {
      String body = r.label() == null ? residentText : words.get(lang, "resident.carer.notice", r.label(), text);
      outbox.enqueue(key + r.keySuffix(), r.channel(), r.address(), null, null, body);
    }
  }

  /**
   * Puts the rating question into the recipient's own conversation on that channel (their recent
   * one, or a new one), so that a digit they send back rates the order.
   */
  private void awaitRating(Recipient r, String number, Lang lang, Instant now) {
    Set<String> locked = lockedInThisTransaction();
    ConversationStore.ConversationRow own = store
        .latestOf(r.residentId(), r.channel(), now.minus(properties.idleTimeout()))
        // only one locked before the order (lockFirst): a conversation that became the recent one
        // since then may be held by a turn waiting for this order; the question gets a new one then
        .filter(c -> locked.contains(c.id()))
        .flatMap(c -> store.lock(c.id()))
        .orElseGet(() -> store.create(r.channel(), r.residentId(), lang, AccessProfiles.defaultFor(r.channel()),
            DialogueState.EMPTY.serialize(), now));
    expectRating(own, own.lang(), number, now);
  }

  /**
   * The conversation's next message answers the rating question for the order: the assistant
   * takes the conversation back (from a person, if one had it) to take the rating.
   */
  private void expectRating(ConversationStore.ConversationRow c, Lang lang, String number, Instant now) {
    DialogueState state =
        DialogueState.parse(states.open(c.state())).with("pending", "rating").with("rating.ticket", number);
    store.update(c.id(), lang, c.accessProfile(), states.seal(state.serialize()), now);
    if (!"bot".equals(c.mode())) {
      store.setMode(c.id(), "bot", now);
    }
  }

  /**
   * The landline to call for the closing question: a phone caller whose number cannot take an
   * SMS (see {@link #mobile}), when outbound calls are configured; otherwise null, and the
   * resolution becomes a callback task for staff as every other notice to a landline does.
   */
  private String landlineToCall(ConversationStore.ConversationRow conversation) {
    if (conversation.channel() != Channel.VOICE || conversation.residentId() == null
        || senders.stream().noneMatch(s -> s.channel() == Channel.VOICE)) {
      return null;
    }
    return residents.contact(conversation.residentId(), IdentityKind.PHONE)
        .filter(phone -> !mobile(phone))
        .orElse(null);
  }

  private static final String LOCKED = ResidentNotifier.class.getName() + ".locked";

  /** The conversations this transaction locked before the order (empty outside a transaction). */
  @SuppressWarnings("unchecked")
  private static Set<String> lockedInThisTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new java.util.HashSet<>();
    }
    Set<String> locked = (Set<String>) TransactionSynchronizationManager.getResource(LOCKED);
    if (locked == null) {
      Set<String> fresh = new java.util.HashSet<>();
      TransactionSynchronizationManager.bindResource(LOCKED, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(LOCKED);
        }
      });
      locked = fresh;
    }
    return locked;
  }

  /** The resident is told, on their channel, when staff will come to their home. */
  @EventListener
  void homeVisit(org.linli.handoff.HomeVisits.HomeVisitScheduled visit) {
    if (visit.conversationId() == null) {
      return;
    }
    store.lock(visit.conversationId()).ifPresent(conversation -> {
      String text = words.homeVisit(conversation.lang(), visit.from(), visit.until(), visit.assigneeName(), visit.ticket());
      Instant now = clock.instant();
      push(conversation, stored(conversation, "assistant", text, now), text);
    });
  }

  /** Adds a notice to the conversation and shows it live; returns the message id. */
  private long stored(ConversationStore.ConversationRow conversation, String author, String text, Instant now) {
    ConversationStore.MessageRow m =
        store.appendOutbound(conversation.id(), conversation.channel(), author, text, now);
    events.publishEvent(ConversationService.addedEvent(conversation.id(), m));
    return m.id();
  }

  /** A mainland mobile number (11 digits starting with 1) can take an SMS; a landline cannot. */
  static boolean mobile(String phone) {
    return phone.matches("1\\d{10}");
  }

  /** A message that could not be delivered after every retry becomes a callback task for staff. */
  @EventListener
  void deliveryFailed(org.linli.outbox.OutboxDispatcher.OutboxDeliveryFailed failed) {
    if (failed.conversationId() != null) {
      handoff.callbackTask(failed.conversationId(), "delivery_failed", failed.error());
    }
  }

  /** Channels that can be pushed to get the message through the outbox. */
  private void push(ConversationStore.ConversationRow conversation, long messageId, String text) {
    Channel channel = conversation.channel();
    Channel via =
        switch (channel) {
          case SMS, VOICE -> Channel.SMS;
          case WECHAT -> Channel.WECHAT;
          default -> null;
        };
    if (via == null) {
      return;
    }
    IdentityKind kind = via == Channel.WECHAT ? IdentityKind.WECHAT_OPENID : IdentityKind.PHONE;
    String recipient =
        conversation.residentId() == null
            ? null
            : residents.contact(conversation.residentId(), kind).orElse(null);
    if (channel == Channel.VOICE && (recipient == null || !mobile(recipient))) {
      // a landline cannot take an SMS: staff phone the resident instead
      handoff.callbackTask(conversation.id(), "landline", text);
      return;
    }
    outbox.enqueue("message:" + messageId, via, recipient, conversation.id(), null, text);
  }
}
