package org.linli.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.linli.privacy.PersonalData;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.linli.knowledge.Lang;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application side of every channel: deduplicates, loads the conversation, runs one dialogue
 * turn, and stores the inbound message, the replies and the new state in one transaction. Nothing
 * is acknowledged to a channel before it is committed.
 */
@Service
class ConversationService implements ConversationPort {

  private static final Logger log = LoggerFactory.getLogger(ConversationService.class);

  /** Set by the dialogue when the resident asks for slower, shorter output. */
  static final String SLOWER_SLOT = "slower";

  private final ConversationStore store;
  private final DialogueEngine engine;
  private final ResidentDirectory residents;
  private final StateCodec states;
  private final ConversationProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ConversationService(
      ConversationStore store,
      DialogueEngine engine,
      ResidentDirectory residents,
      PersonalData personalData,
      ConversationProperties properties,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.store = store;
    this.engine = engine;
    this.residents = residents;
    this.states = new StateCodec(personalData);
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  @Override
  public TurnOutcome handle(InboundMessage message) {
    try {
      return transaction.execute(tx -> handleInTransaction(message));
    } catch (DuplicateKeyException e) {
      // The same external message was delivered twice at the same moment and the other delivery
      // committed first: answer with what it stored.
      if (message.externalId() == null) {
        throw e;
      }
      return transaction.execute(
          tx ->
              store
                  .findInbound(message.channel(), message.externalId())
                  .map(this::storedOutcome)
                  .orElseThrow(() -> e));
    }
  }

  private TurnOutcome handleInTransaction(InboundMessage message) {
    if (message.externalId() != null) {
      Optional<ConversationStore.MessageRow> seen =
          store.findInbound(message.channel(), message.externalId());
      if (seen.isPresent()) {
        log.info("event=duplicate_message channel={}", message.channel().code());
        return storedOutcome(seen.get());
      }
    }
    Instant now = clock.instant();
    ConversationStore.ConversationRow conversation = conversationFor(message, now);
    DialogueState state = states.load(conversation.state());
    TurnResult turn =
        engine.turn(
            state, new DialogueEngine.Turn(message.channel(), message.text(), message.langHint()));
    long inboundId =
        store.appendInbound(
            conversation.id(),
            message.channel(),
            message.externalId(),
            // ID-card and bank-card numbers never reach the database or the logs
            PiiMasker.mask(message.text()),
            turn.intent(),
            turn.confidence(),
            message.receivedAt());
    for (Reply reply : turn.replies()) {
      store.appendReply(conversation.id(), message.channel(), inboundId, reply, turn.intent(), now);
    }
    DialogueState next = turn.state();
    String profile = conversation.accessProfile();
    if (next.get(SLOWER_SLOT).isPresent()) {
      // The resident asked for slower, shorter output: one step slower, then forget the request.
      profile = AccessProfiles.slower(profile);
      next = next.with(SLOWER_SLOT, null);
    }
    store.update(conversation.id(), turn.lang(), profile, states.save(next), now);
    log.info(
        "event=turn channel={} intent={} confidence={} replies={}",
        message.channel().code(),
        turn.intent(),
        String.format("%.2f", turn.confidence()),
        turn.replies().size());
    return new TurnOutcome(
        conversation.id(), turn.replies(), turn.intent(), turn.lang(), null, false);
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
    if (message.residentAddress() != null) {
      // Channels that know the resident (phone number, openid) continue the resident's recent
      // conversation on that channel; the resident row lock makes two first messages arriving at
      // once share one conversation.
      residentId = residents.residentFor(identityKind(message.channel()), message.residentAddress());
      store.lockResident(residentId);
      Optional<ConversationStore.ConversationRow> recent =
          store.latestOf(residentId, message.channel(), now.minus(properties.idleTimeout()));
      if (recent.isPresent()) {
        return store.lock(recent.get().id()).orElseThrow();
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

  private TurnOutcome storedOutcome(ConversationStore.MessageRow inbound) {
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
                                .toList())));
  }
}
