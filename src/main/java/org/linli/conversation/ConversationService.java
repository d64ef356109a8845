package org.linli.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.linli.care.CareService;
import org.linli.dialog.Action;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationHistory;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.DialogueEngine;
import org.linli.dialog.DialogueState;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnOutcome;
import org.linli.dialog.TurnResult;
import org.linli.dialog.UnknownConversationException;
import org.linli.dialog.nlu.PiiMasker;
import org.linli.handoff.HandoffService;
import org.linli.handoff.QueueInfo;
import org.linli.handoff.WorkOrder;
import org.linli.knowledge.Lang;
import org.linli.privacy.PersonalData;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application side of every channel: deduplicates, loads the conversation, runs one dialogue
 * turn, and stores the inbound message, the replies and the new state in one transaction. Nothing
 * is acknowledged to a channel before it is committed.
 *
 * <p>The engine's actions are carried out in the same transaction: an escalation opens a work
 * order and hands the conversation to a person (human mode), a status question is answered from
 * the orders, a rating is stored. In human mode the resident's messages go to staff and the
 * assistant stays silent, except to say where the resident is in the queue while nobody has the
 * conversation yet.
 */
@Service
class ConversationService implements ConversationPort {

  private static final Logger log = LoggerFactory.getLogger(ConversationService.class);

  /** Set by the dialogue when the resident asks for slower, shorter output. */
  static final String SLOWER_SLOT = "slower";

  private final ConversationStore store;
  private final DialogueEngine engine;
  private final StateCodec states;
  private final ConversationProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final HandoffService handoff;
  private final ResidentWords words;
  private final ApplicationEventPublisher events;
  private final ResidentDirectory residents;
  private final CarerTurns carers;

  ConversationService(
      ConversationStore store,
      DialogueEngine engine,
      PlatformTransactionManager transactions,
      Clock clock,
      HandoffService handoff,
      ResidentWords words,
      ApplicationEventPublisher events,
      ResidentDirectory residents,
      PersonalData personalData,
      ConversationProperties properties,
      CareService care) {
    this.store = store;
    this.engine = engine;
    this.states = new StateCodec(personalData);
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.handoff = handoff;
    this.words = words;
    this.events = events;
    this.residents = residents;
    this.carers = new CarerTurns(care, residents, words, store, states, events);
  }

  @Override
  public TurnOutcome handle(InboundMessage message) {
    // A turn of its own learns that its message was stored before from the unique key on
    // (channel, external_id) when it stores it, rolls back and answers from the store: one
    // statement less per turn than looking first, for retries that are rare. A turn that joins a
    // caller's transaction looks first, since a failed insert would spoil the caller's work.
    boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
    try {
      return transaction.execute(tx -> handleInTransaction(message, joined));
    } catch (DuplicateKeyException e) {
      // The message was stored before, or delivered twice at the same moment and the other
      // delivery committed first: answer with what was stored. Inside a caller's transaction the
      // caller rolls back and runs the turn again, and then finds the message.
      if (message.externalId() == null || joined) {
        throw e;
      }
      return transaction.execute(
          tx ->
              store
                  .findInbound(message.channel(), message.externalId())
                  .map(this::duplicateOutcome)
                  .orElseThrow(() -> e));
    }
  }

  private TurnOutcome handleInTransaction(InboundMessage message, boolean joined) {
    if (joined && message.externalId() != null) {
      Optional<ConversationStore.MessageRow> seen =
          store.findInbound(message.channel(), message.externalId());
      if (seen.isPresent()) {
        return duplicateOutcome(seen.get());
      }
    }
    Instant now = clock.instant();
    ConversationStore.ConversationRow conversation = conversationFor(message, now);
    // A phone caller always gets the menu: staff cannot type into a call (their replies go out by
    // SMS), and the caller's open order is found by number and never opened twice.
    if ("human".equals(conversation.mode()) && message.channel() != Channel.VOICE) {
      Optional<WorkOrder> open = handoff.openOrderOf(conversation.id());
      if (open.isPresent()) {
        return humanTurn(conversation, message, open.get(), now);
      }
      // the order was closed meanwhile: the assistant takes the conversation back
      store.setMode(conversation.id(), "bot", now);
    }
    DialogueState state = states.load(conversation.state());
    // A family member or carer recorded for residents says once whom they act for.
    List<CareService.Proxy> mayActFor = carers.mayActFor(conversation, message.channel());
    CarerTurns.Decision acting = CarerTurns.Decision.NONE;
    if (!mayActFor.isEmpty()) {
      Lang askLang = message.langHint() != null ? message.langHint() : conversation.lang();
      acting = carers.decide(CarerTurns.forCall(state, message), message.text(), mayActFor, askLang, message.channel());
      if (acting.question() != null) {
        return carers.ask(conversation, message, acting, askLang, now);
      }
      state = acting.state();
    }
    String turnText = acting.replayText() != null ? acting.replayText() : message.text();
    TurnResult turn =
        engine.turn(
            state, new DialogueEngine.Turn(message.channel(), turnText, message.langHint()));
    List<Reply> replies = new ArrayList<>(acting.replies());
    replies.addAll(turn.replies());
    DialogueState next = turn.state();
    TurnOutcome.Handoff handedTo = null;
    for (Action action : turn.actions()) {
      switch (action) {
        case Action.Escalate escalate -> {
          WorkOrder order = escalate(conversation, message, escalate, acting.proxy(), now);
          replies.add(Reply.text(words.get(turn.lang(), "resident.ticket.opened", order.number())));
          QueueInfo queueInfo = handoff.queueInfo(order);
          handedTo = handoffJson(order, queueInfo);
          if (message.channel() == Channel.VOICE
              && (!queueInfo.staffedNow() || queueInfo.priorityCallback())) {
            // nobody can take the call now: staff must phone the caller back
            handoff.callbackTask(conversation.id(), "caller", escalate.summary());
          }
          String queue = words.queue(turn.lang(), queueInfo);
          if (!queue.isEmpty()) {
            replies.add(Reply.text(queue));
          }
        }
        case Action.LookupStatus lookup ->
            replies.add(Reply.text(statusText(conversation, lookup.ticketNumber(), turn.lang(), mayActFor)));
        case Action.Rate rate -> {
          HandoffService.Rating rating = handoff.rate(rate.ticketNumber(), rate.score(), rate.comment());
          next = next.with("pending", null).with("rating.ticket", null);
          replies.add(Reply.text(words.get(turn.lang(),
              rating.reopened() ? "resident.rating.reopened" : "resident.rating.thanks")));
        }
        case Action.Close close -> {
          // nothing to carry out: the conversation simply ends here
        }
      }
    }
    // The message is stored with its replies, after the actions: one batch. A repeated delivery
    // fails here on the unique key and rolls back what the actions did.
    storeExchange(conversation.id(), message, turn.intent(), turn.confidence(), replies, turn.intent(), now);
    String profile = conversation.accessProfile();
    if (next.get(SLOWER_SLOT).isPresent()) {
      // The resident asked for slower, shorter output: one step slower, then forget the request.
      profile = AccessProfiles.slower(profile);
      next = next.with(SLOWER_SLOT, null);
    }
    store.update(conversation.id(), turn.lang(), profile, states.save(next), now);
    log.info(
        "event=turn channel={} intent={} confidence={} replies={} actions={}",
        message.channel().code(),
        turn.intent(),
        String.format("%.2f", turn.confidence()),
        replies.size(),
        turn.actions().size());
    return new TurnOutcome(
        conversation.id(), replies, turn.intent(), turn.lang(), handedTo, false);
  }

  /**
   * Opens a work order and hands the conversation to a person; when the conversation already has
   * an open order, it goes back to that one instead of opening a second.
   */
  private WorkOrder escalate(
      ConversationStore.ConversationRow conversation,
      InboundMessage message,
      Action.Escalate escalate,
      CareService.Proxy actingFor,
      Instant now) {
    store.setMode(conversation.id(), "human", now);
    // the open order of this conversation about the same resident: a carer who switched to
    // another resident (or to themselves) gets an order of its own
    String subject = actingFor != null ? actingFor.residentId() : conversation.residentId();
    Optional<WorkOrder> open = handoff.forConversation(conversation.id()).stream()
        .filter(o -> o.status().open())
        .filter(o -> subject == null || subject.equals(o.residentId()))
        .findFirst();
    if (open.isPresent()) {
      return open.get();
    }
    if (actingFor != null) {
      // the resident is the order's subject; the carer who reports it is recorded with it
      return handoff.open(
          new HandoffService.OpenRequest(
              escalate.category(),
              escalate.priority(),
              escalate.summary(),
              escalate.location(),
              conversation.id(),
              actingFor.residentId(),
              message.channel().code(),
              escalate.contactPhone(),
              "carer",
              new HandoffService.Reporter(actingFor.id(), actingFor.relation())));
    }
    return handoff.open(
        new HandoffService.OpenRequest(
            escalate.category(),
            escalate.priority(),
            escalate.summary(),
            escalate.location(),
            conversation.id(),
            conversation.residentId(),
            message.channel().code(),
            escalate.contactPhone(),
            "resident"));
  }

  /** The resident writes while a person has (or is about to have) the conversation. */
  private TurnOutcome humanTurn(
      ConversationStore.ConversationRow conversation,
      InboundMessage message,
      WorkOrder order,
      Instant now) {
    Lang lang = conversation.lang();
    QueueInfo info = handoff.residentMessage(conversation.id(), PiiMasker.mask(message.text())).orElseThrow();
    List<Reply> replies = new ArrayList<>();
    if (!info.claimed()) {
      replies.add(Reply.text(words.queue(lang, info)));
    }
    storeExchange(conversation.id(), message, HUMAN_MODE_INTENT, 1.0, replies, HUMAN_MODE_INTENT, now);
    store.update(conversation.id(), lang, conversation.accessProfile(), conversation.state(), now);
    log.info("event=human_mode_message channel={} claimed={}", message.channel().code(), info.claimed());
    return new TurnOutcome(
        conversation.id(),
        replies,
        HUMAN_MODE_INTENT,
        lang,
        handoffJson(handoff.byNumber(order.number()).orElseThrow(), info),
        false);
  }

  /** The order as clients see it: its number and status, and while unclaimed its place in the queue. */
  static TurnOutcome.Handoff handoffJson(WorkOrder order, QueueInfo info) {
    if (info.claimed()) {
      return new TurnOutcome.Handoff(order.number(), order.status().code());
    }
    return new TurnOutcome.Handoff(
        order.number(), order.status().code(), info.position(), info.expectedWaitMinutes(), info.callbackFrom());
  }

  /** The intent stored for messages a person, not the assistant, answers. */
  static final String HUMAN_MODE_INTENT = "human_mode";

  private String statusText(
      ConversationStore.ConversationRow conversation, String number, Lang lang,
      List<CareService.Proxy> actingFor) {
    if (number != null && !number.isBlank()) {
      return handoff
          .byNumber(number)
          .map(o -> words.status(lang, o))
          .orElseGet(() -> words.get(lang, "resident.status.notFound", number));
    }
    List<WorkOrder> orders = new ArrayList<>(handoff.forConversation(conversation.id()));
    List<WorkOrder> candidates = new ArrayList<>(handoff.forResident(conversation.residentId()));
    // a carer also hears about the orders of the residents they act for
    for (CareService.Proxy proxy : actingFor) {
      candidates.addAll(handoff.forResident(proxy.residentId()));
    }
    for (WorkOrder o : candidates) {
      if (orders.stream().noneMatch(known -> known.id() == o.id())) {
        orders.add(o);
      }
    }
    List<String> lines =
        orders.stream()
            .sorted(java.util.Comparator.comparing((WorkOrder o) -> !o.status().open()))
            .limit(3)
            .map(o -> words.status(lang, o))
            .toList();
    return lines.isEmpty() ? words.get(lang, "resident.status.none") : String.join("\n", lines);
  }

  private void storeExchange(String conversationId, InboundMessage message, String intent, double confidence,
      List<Reply> replies, String replyIntent, Instant now) {
    storeExchange(store, events, conversationId, message, intent, confidence, replies, replyIntent, now);
  }

  /**
   * Stores the resident's message (ID-card and bank-card numbers masked: they never reach the
   * database or the logs) and the replies to it, and publishes each for live views.
   */
  static void storeExchange(ConversationStore store, ApplicationEventPublisher events, String conversationId,
      InboundMessage message, String intent, double confidence, List<Reply> replies, String replyIntent,
      Instant now) {
    ConversationStore.Inbound inbound = new ConversationStore.Inbound(
        message.externalId(), PiiMasker.mask(message.text()), intent, confidence, message.receivedAt());
    for (ConversationStore.MessageRow m :
        store.appendExchange(conversationId, message.channel(), inbound, replies, replyIntent, now)) {
      events.publishEvent(addedEvent(conversationId, m));
    }
  }

  /** The live event for a message just stored in a conversation. */
  static ConversationMessageAdded addedEvent(String conversationId, ConversationStore.MessageRow m) {
    return new ConversationMessageAdded(conversationId, m.id(), entry(m));
  }

  static ConversationHistory.Entry entry(ConversationStore.MessageRow m) {
    return new ConversationHistory.Entry(
        m.direction(), m.author(), m.text(), m.sources(), m.options(), m.intent(), m.at());
  }

  private ConversationStore.ConversationRow conversationFor(InboundMessage message, Instant now) {
    if (message.conversationId() != null) {
      return store
          .lock(message.conversationId())
          .filter(c -> c.channel() == message.channel())
          .orElseThrow(() -> new UnknownConversationException(message.conversationId()));
    }
    Lang lang = message.langHint() != null ? message.langHint() : Lang.ZH;
    String residentId = null;
    if (message.residentAddress() != null && !message.residentAddress().isBlank()) {
      // Channels that know the resident (phone number, openid) register them, so that staff
      // replies and case notices can reach them later, and continue the resident's recent
      // conversation on that channel; the identity's row lock makes two first messages arriving at
      // once share one conversation.
      residentId = residents.lockedResidentFor(identityKind(message.channel()), message.residentAddress());
      Optional<ConversationStore.ConversationRow> recent =
          store.lockLatestOf(residentId, message.channel(), now.minus(properties.idleTimeout()));
      if (recent.isPresent()) {
        return recent.get();
      }
    }
    return store.create(
        message.channel(),
        residentId,
        lang,
        AccessProfiles.defaultFor(message.channel()),
        DialogueState.EMPTY.serialize(),
        now);
  }

  /** SMS and voice know residents by phone number (one identity for both), WeChat by openid. */
  static IdentityKind identityKind(Channel channel) {
    return switch (channel) {
      case SMS, VOICE -> IdentityKind.PHONE;
      case WECHAT -> IdentityKind.WECHAT_OPENID;
      default ->
          throw new IllegalArgumentException(
              "channel " + channel.code() + " does not identify residents");
    };
  }

  /** The answer to a message stored before: the replies stored with it, no second turn. */
  private TurnOutcome duplicateOutcome(ConversationStore.MessageRow inbound) {
    log.info("event=duplicate_message channel={}", inbound.channel().code());
    List<Reply> replies = new ArrayList<>();
    for (ConversationStore.MessageRow out : store.repliesTo(inbound.id())) {
      replies.add(new Reply(out.text(), out.sources(), out.options(), false));
    }
    String conversationId = store.conversationOf(inbound.id());
    Lang lang = store.find(conversationId).map(ConversationStore.ConversationRow::lang).orElse(Lang.ZH);
    return new TurnOutcome(conversationId, replies, inbound.intent(), lang, null, true);
  }

  @Override
  public Optional<ConversationHistory> history(String conversationId) {
    if (conversationId == null || conversationId.length() > 64) {
      return Optional.empty();
    }
    return transaction.execute(
        tx ->
            store
                .find(conversationId)
                .map(
                    c ->
                        new ConversationHistory(
                            c.id(),
                            c.channel(),
                            c.lang(),
                            c.mode(),
                            store.messages(c.id()).stream()
                                .map(
                                    m ->
                                        new ConversationHistory.Entry(
                                            m.direction(),
                                            m.author(),
                                            m.text(),
                                            m.sources(),
                                            m.options(),
                                            m.intent(),
                                            m.at()))
                                .toList(),
                            handoff.openOrderOf(c.id())
                                .map(o -> handoffJson(o, handoff.queueInfo(o)))
                                .orElse(null))));
  }
}
