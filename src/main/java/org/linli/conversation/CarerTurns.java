package org.linli.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.linli.care.CareService;
import org.linli.dialog.Channel;
import org.linli.dialog.DialogueState;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnOutcome;
import org.linli.dialog.nlu.PiiMasker;
import org.linli.knowledge.Lang;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A family member or carer recorded (with consent) for one or more residents writes on SMS or
 * WeChat: the assistant asks once per conversation whom they act for — "您是替尾号 5678 的居民办理吗？"
 * or a numbered list — keeps their first message meanwhile and answers it as soon as they chose.
 * The choice is a slot of the dialogue state; a record revoked meanwhile counts as "for yourself".
 */
final class CarerTurns {

  /** The proxy record id the carer acts through, or {@link #SELF}. */
  static final String ACTING_SLOT = "carer.acting";

  static final String SELF = "self";

  /** The first message, kept (encrypted, as every {@code pii.} slot) until the carer chose. */
  static final String PENDING_SLOT = DialogueState.PII_PREFIX + "carer.pending";

  static final String CHOICE_INTENT = "carer_choice";

  private static final Set<String> YES = Set.of("1", "是", "是的", "对", "对的", "嗯", "好", "好的", "替他", "替她", "yes", "y");
  /** Said after the choice: ask again whom the carer acts for. */
  private static final Set<String> SWITCH = Set.of("换一位", "换人", "换一个人", "换个人", "换居民", "切换", "重新选择",
      "switch", "change", "switchresident");

  /** Said after the choice: from now on for the carer themselves. */
  private static final Set<String> FOR_SELF = Set.of("为自己", "为我自己", "替自己", "给自己办", "myself", "formyself");

  /** The question was asked again on request: the next message answers it, nothing is kept to replay. */
  static final String ASKED_SLOT = "carer.asked";

  private static final Set<String> NO = Set.of("2", "0", "不是", "否", "不", "不用", "自己", "为自己", "我自己", "no", "n", "myself");

  /**
   * What the carer's message means before the dialogue turn.
   *
   * @param state the state to run the turn with (the choice recorded)
   * @param proxy the record the carer acts through now, or null (for themselves)
   * @param replayText the kept first message to answer now, or null (answer this message)
   * @param replies what the assistant says first (the choice confirmed)
   * @param question when not null: ask this and run no turn
   */
  record Decision(DialogueState state, CareService.Proxy proxy, String replayText, List<Reply> replies,
      String question) {
    static final Decision NONE = new Decision(null, null, null, List.of(), null);
  }

  private final CareService care;
  private final ResidentDirectory residents;
  private final ResidentWords words;
  private final ConversationStore store;
  private final StateCodec states;
  private final ApplicationEventPublisher events;

  CarerTurns(CareService care, ResidentDirectory residents, ResidentWords words, ConversationStore store,
      StateCodec states, ApplicationEventPublisher events) {
    this.care = care;
    this.residents = residents;
    this.words = words;
    this.store = store;
    this.states = states;
    this.events = events;
  }

  /** The records in force through which the writer of this conversation may act (none for most people). */
  List<CareService.Proxy> mayActFor(ConversationStore.ConversationRow conversation, Channel channel) {
    // web chat and the kiosk do not know who writes
    if (conversation.residentId() == null
        || (channel != Channel.SMS && channel != Channel.WECHAT && channel != Channel.VOICE)
        || Boolean.FALSE.equals(conversation.writerActsForAnyone())) {
      return List.of();
    }
    return care.actingFor(conversation.residentId());
  }

  /** The call (Twilio's CallSid) the choice on the phone was made in. */
  static final String CALL_SLOT = "carer.call";

  /**
   * On the phone the question is asked once per call, not once per conversation: a phone
   * conversation goes on across calls (as an SMS one does across messages), but a caller who rings
   * again may ring about someone else. The call is the part of the message id before the step.
   */
  static DialogueState forCall(DialogueState state, InboundMessage message) {
    if (message.channel() != Channel.VOICE || message.externalId() == null) {
      return state;
    }
    String id = message.externalId();
    String call = id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
    if (state.get(CALL_SLOT).filter(call::equals).isPresent()) {
      return state;
    }
    return state.with(ACTING_SLOT, null).with(PENDING_SLOT, null).with(ASKED_SLOT, null).with(CALL_SLOT, call);
  }

  /** On {@link Channel#VOICE} the question names keys to press instead of replies. */
  Decision decide(DialogueState state, String text, List<CareService.Proxy> mayActFor, Lang lang, Channel channel) {
    Optional<String> acting = state.get(ACTING_SLOT);
    if (acting.isPresent()) {
      String said = normalize(text);
      if (SWITCH.contains(said)) {
        // the choice holds for the conversation until the carer asks to choose again
        return new Decision(state.with(ACTING_SLOT, null).with(ASKED_SLOT, "1"), null, null, List.of(),
            question(mayActFor, lang, channel));
      }
      if (FOR_SELF.contains(said)) {
        return new Decision(state.with(ACTING_SLOT, SELF), null, null, List.of(),
            words.get(lang, "resident.carer.self"));
      }
      CareService.Proxy proxy = byId(mayActFor, acting.get());
      // a record revoked since the choice: the carer now speaks only for themselves
      return new Decision(proxy == null ? state.with(ACTING_SLOT, SELF) : state, proxy, null, List.of(), null);
    }
    Optional<String> pending = state.get(PENDING_SLOT);
    if (pending.isEmpty() && state.get(ASKED_SLOT).isEmpty()) {
      return new Decision(state.with(PENDING_SLOT, PiiMasker.mask(text)), null, null, List.of(),
          question(mayActFor, lang, channel));
    }
    state = state.with(ASKED_SLOT, null);
    String answer = normalize(text);
    CareService.Proxy chosen = null;
    boolean self = NO.contains(answer);
    if (mayActFor.size() == 1 && YES.contains(answer)) {
      chosen = mayActFor.get(0);
    } else if (mayActFor.size() > 1 && answer.matches("[1-9]") && Integer.parseInt(answer) <= mayActFor.size()) {
      chosen = mayActFor.get(Integer.parseInt(answer) - 1);
      self = false;
    }
    DialogueState next = state.with(PENDING_SLOT, null);
    if (pending.isEmpty() && (chosen != null || self)) {
      // asked again on request: the answer is only a choice, there is no question to answer
      return chosen != null
          ? new Decision(next.with(ACTING_SLOT, Long.toString(chosen.id())), chosen, null, List.of(),
              words.get(lang, "resident.carer.chosen", label(chosen, lang)))
          : new Decision(next.with(ACTING_SLOT, SELF), null, null, List.of(), words.get(lang, "resident.carer.self"));
    }
    if (chosen != null) {
      return new Decision(next.with(ACTING_SLOT, Long.toString(chosen.id())), chosen, pending.orElse(null),
          List.of(Reply.text(words.get(lang, "resident.carer.chosen", label(chosen, lang)))), null);
    }
    // "for myself", or something else: the carer moved on, so this message is their own question
    return new Decision(next.with(ACTING_SLOT, SELF), null, self ? pending.orElse(null) : null,
        List.of(Reply.text(words.get(lang, "resident.carer.self"))), null);
  }

  /** Stores the carer's message and the question; no dialogue turn runs. */
  TurnOutcome ask(ConversationStore.ConversationRow conversation, InboundMessage message, Decision decision,
      Lang lang, Instant now) {
    Reply reply = Reply.text(decision.question());
    ConversationService.storeExchange(store, events, conversation.id(), message, CHOICE_INTENT, 1.0, List.of(reply),
        CHOICE_INTENT, now);
    store.update(conversation.id(), lang, conversation.accessProfile(), states.save(decision.state()), now);
    return new TurnOutcome(conversation.id(), List.of(reply), CHOICE_INTENT, lang, null, false);
  }

  private String question(List<CareService.Proxy> mayActFor, Lang lang, Channel channel) {
    boolean voice = channel == Channel.VOICE;
    if (mayActFor.size() == 1) {
      return words.get(lang, voice ? "resident.carer.askOne.voice" : "resident.carer.askOne",
          label(mayActFor.get(0), lang));
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < mayActFor.size(); i++) {
      lines.add(voice
          ? words.get(lang, "resident.carer.pressFor", i + 1, label(mayActFor.get(i), lang))
          : (i + 1) + ". " + label(mayActFor.get(i), lang));
    }
    return voice
        ? words.get(lang, "resident.carer.askMany.voice", String.join(" ", lines))
        : words.get(lang, "resident.carer.askMany", String.join("\n", lines));
  }

  /**
   * The resident, by the last four characters of their contact only, with the carer's relation to
   * them: "尾号 5678（子女）". (Not 138****5678: SMS rendering reads "**" as emphasis.)
   */
  String label(CareService.Proxy proxy, Lang lang) {
    return words.get(lang, "resident.carer.label", tail(residents, proxy.residentId()),
        relation(proxy.relation(), lang));
  }

  /** The last four characters of a resident's phone number (else openid), or "****". */
  static String tail(ResidentDirectory residents, String residentId) {
    return residents.contact(residentId, IdentityKind.PHONE)
        .or(() -> residents.contact(residentId, IdentityKind.WECHAT_OPENID))
        .filter(c -> c.length() >= 4)
        .map(c -> c.substring(c.length() - 4))
        .orElse("****");
  }

  private String relation(String relation, Lang lang) {
    String key = "care.relation." + relation;
    String word = words.get(lang, key);
    return word.equals(key) ? relation : word;
  }

  private static CareService.Proxy byId(List<CareService.Proxy> proxies, String id) {
    return proxies.stream().filter(p -> Long.toString(p.id()).equals(id)).findFirst().orElse(null);
  }

  /** "１。" and " 1 " are "1"; "Yes!" is "yes". */
  static String normalize(String text) {
    StringBuilder out = new StringBuilder();
    text.strip().codePoints().forEach(c -> {
      if (c >= '０' && c <= '９') {
        out.append((char) ('0' + (c - '０')));
      } else if (Character.isLetterOrDigit(c)) {
        out.appendCodePoint(c);
      }
    });
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
