package org.linli.dialog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.linli.dialog.nlu.Entity;
import org.linli.dialog.nlu.Intent;
import org.linli.dialog.nlu.Nlu;
import org.linli.dialog.nlu.Understanding;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.Lang;
import org.linli.knowledge.PassageHit;
import org.linli.knowledge.PolicyDocument;
import org.linli.knowledge.SearchResult;

/**
 * The dialogue policy: understands one message (via {@link Nlu}), decides what to do with it given
 * the conversation's state, and says so in the resident's language.
 *
 * <ul>
 *   <li>Policy questions are answered from the knowledge base in a short first form with their
 *       source and an option for more; when retrieval is unsure the likeliest topics are offered,
 *       and if that does not settle it, a person.
 *   <li>Problem reports are collected one question at a time (what, where, how to reach the
 *       resident), read back, and filed with an {@link Action.Escalate}.
 *   <li>A person, an emergency, repeat and slower work at any point, also inside a form; key
 *       presses (0, *, #, digits for numbered options) work like words.
 *   <li>Two misunderstandings in a row offer a person.
 * </ul>
 *
 * <p>Stateless and thread-safe: everything it remembers is in the {@link DialogueState} it
 * returns.
 */
public final class PolicyDialogueEngine implements DialogueEngine {

  /**
   * What a channel passes for a photo the resident sent (WeChat): the photo itself is kept by the
   * channel as evidence; the dialogue must not take the marker as an answer to a question.
   */
  static final java.util.Set<String> PHOTO_MARKERS = java.util.Set.of("[图片]", "[photo]");

  /** Below this, the intent model's guess is not trusted on its own. */
  static final double MIN_INTENT_CONFIDENCE = 0.45;

  private final KnowledgeBase knowledge;
  private final Nlu nlu;
  private final Messages messages;
  private final ReportCategories categories;

  public PolicyDialogueEngine(KnowledgeBase knowledge, Nlu nlu, Messages messages) {
    this.knowledge = knowledge;
    this.nlu = nlu;
    this.messages = messages;
    this.categories = ReportCategories.bundled();
  }

  @Override
  public TurnResult turn(DialogueState state, Turn turn) {
    Lang hint =
        turn.langHint() != null
            ? turn.langHint()
            : state.get(Slots.LANG).flatMap(Lang::fromCode).orElse(null);
    String text = turn.text() == null ? "" : turn.text().strip();
    Context ctx = new Context(state, turn.channel(), hint);
    Optional<Token> token = Token.parse(text);
    if (token.isPresent()) {
      ctx.lang = hint == null ? Lang.ZH : hint;
      return onToken(ctx, token.get());
    }
    if (PHOTO_MARKERS.contains(text)) {
      ctx.lang = hint == null ? (text.equals("[photo]") ? Lang.EN : Lang.ZH) : hint;
      return photo(ctx);
    }
    Understanding u = nlu.understand(text, hint);
    ctx.lang = turn.langHint() != null ? turn.langHint() : u.lang();
    ctx.understanding = u;
    Intent intent = u.intent();
    boolean ratingAsked = ctx.state.get(Slots.PENDING).filter(Slots.STEP_RATING::equals).isPresent();
    if (intent.is(Intent.DIGIT) && !ratingAsked) {
      int digit = intent.digit().orElse(0);
      Optional<String> chosen = ctx.state.get(Slots.option(digit));
      if (chosen.isPresent()) {
        return Token.parse(chosen.get())
            .map(t -> onToken(ctx, t))
            .orElseGet(() -> onText(ctx, chosen.get(), intent));
      }
    }
    return onText(ctx, text, intent);
  }

  // ---------------------------------------------------------------------------------------------
  // Text and intents

  private TurnResult onText(Context ctx, String text, Intent intent) {
    String label = intent.label();
    boolean sure = isSure(intent);
    // Whatever the conversation is doing, these come first.
    switch (label) {
      case "emergency" -> {
        return isPossibleOnly(intent) ? possibleEmergency(ctx, text, intent) : emergency(ctx, intent);
      }
      case "request_human" -> {
        if (sure) {
          return person(ctx, "request_human", intent.confidence());
        }
      }
      case "repeat" -> {
        if (sure) {
          return repeat(ctx, intent.confidence());
        }
      }
      case "slower" -> {
        if (sure) {
          return slower(ctx, intent.confidence());
        }
      }
      default -> {}
    }
    String pending = ctx.state.get(Slots.PENDING).orElse("");
    if (pending.equals(Slots.STEP_EMERGENCY)) {
      return confirmEmergency(ctx, text, intent);
    }
    if (pending.startsWith(Slots.STEP_RATING)) {
      Optional<TurnResult> rated = rating(ctx, pending, text, intent);
      if (rated.isPresent()) {
        return rated.get();
      }
    }
    if (pending.startsWith("report.")) {
      if ((sure && label.equals("goodbye")) || isCancel(text)) {
        ctx.clearForm();
        return ctx.reply("report_issue", intent.confidence(), Reply.text(say(ctx, "report.cancelled")));
      }
      return reportStep(ctx, pending, text, intent);
    }
    if (!sure) {
      // Not sure what this is: the knowledge base may still know; otherwise say so honestly.
      return askPolicy(ctx, text, intent);
    }
    switch (label) {
      case "greet" -> {
        return menu(ctx, "greet", intent.confidence(), "greet");
      }
      case "goodbye" -> {
        ctx.actions.add(new Action.Close());
        return ctx.reply("goodbye", intent.confidence(), Reply.text(say(ctx, "goodbye")));
      }
      case "thanks" -> {
        return ctx.reply("thanks", intent.confidence(), Reply.text(say(ctx, "thanks")));
      }
      case "report_issue" -> {
        return startReport(ctx, text, intent.confidence());
      }
      case "check_status" -> {
        String ticket = ctx.entity(Entity.Type.TICKET).map(Entity::value).orElse(null);
        ctx.actions.add(new Action.LookupStatus(ticket));
        ctx.misses(0);
        return ctx.reply("check_status", intent.confidence());
      }
      case "deny" -> {
        if (pending.equals("clarify") || ctx.state.get(Slots.LAST_DOC).isPresent()) {
          return offerPerson(ctx, "deny", intent.confidence(), "answer.notThis");
        }
        return notUnderstood(ctx, intent);
      }
      case "affirm" -> {
        if (ctx.state.get(Slots.LAST_DOC).isPresent()) {
          return ctx.reply("affirm", intent.confidence(), Reply.text(say(ctx, "answer.anythingElse")));
        }
        return notUnderstood(ctx, intent);
      }
      default -> {
        return askPolicy(ctx, text, intent);
      }
    }
  }

  private TurnResult askPolicy(Context ctx, String text, Intent intent) {
    SearchResult result = knowledge.search(queryText(ctx, text), ctx.lang, 5);
    if (result.answerable() && result.best().isPresent()) {
      ctx.misses(0);
      ctx.state = ctx.state.with(Slots.PENDING, null).with(Slots.CLARIFY_ROUNDS, null);
      return answer(ctx, result.best().get(), "ask_policy", Math.max(intent.confidence(), result.confidence()));
    }
    int rounds = ctx.state.getInt(Slots.CLARIFY_ROUNDS, 0);
    if (!intent.is("ask_policy") && rounds == 0) {
      return notUnderstood(ctx, intent);
    }
    List<Reply.Option> topics = topics(result);
    if (!topics.isEmpty() && rounds == 0 && isSure(intent)) {
      // Unsure: ask once, offering the likeliest topics (and a person).
      ctx.state = ctx.state.with(Slots.PENDING, "clarify").with(Slots.CLARIFY_ROUNDS, "1");
      List<Reply.Option> options = new ArrayList<>(topics);
      options.add(new Reply.Option(say(ctx, "option.person"), Token.PERSON.value()));
      return ctx.reply(
          "ask_policy", intent.confidence(), new Reply(say(ctx, "answer.unsure"), List.of(), options, false));
    }
    // Still unsure after asking once, or nothing close at all: a person, never a guess.
    ctx.state = ctx.state.with(Slots.PENDING, null).with(Slots.CLARIFY_ROUNDS, null);
    return offerPerson(ctx, "ask_policy", intent.confidence(), "answer.unknown");
  }

  /** Key presses and rules are certain; the model's guess only above a threshold. */
  private static boolean isSure(Intent intent) {
    return intent.source() != Intent.Source.MODEL || intent.confidence() >= MIN_INTENT_CONFIDENCE;
  }

  /** Retrieval reads the start of a long message: the question is almost always there. */
  private static String queryText(Context ctx, String text) {
    String q = ctx.understanding != null ? ctx.understanding.masked() : text;
    int max = 200;
    return q.codePointCount(0, q.length()) <= max ? q : q.substring(0, q.offsetByCodePoints(0, max));
  }

  private static List<Reply.Option> topics(SearchResult result) {
    Map<String, String> byDoc = new LinkedHashMap<>();
    for (PassageHit hit : result.hits()) {
      byDoc.putIfAbsent(hit.docId(), hit.title());
      if (byDoc.size() == 3) {
        break;
      }
    }
    List<Reply.Option> options = new ArrayList<>();
    byDoc.forEach((id, title) -> options.add(new Reply.Option(title, Token.doc(id))));
    return options;
  }

  private TurnResult answer(Context ctx, PassageHit hit, String intent, double confidence) {
    String passage = hit.text().strip();
    String shortForm = ShortForm.of(passage, ctx.lang);
    StringBuilder text = new StringBuilder();
    if (hit.notYetEffective() && hit.effective() != null) {
      text.append(say(ctx, "answer.notYetEffective", hit.effective().toString()));
    }
    text.append(shortForm);
    List<Reply.Option> options = new ArrayList<>();
    boolean more =
        shortForm.length() < passage.length()
            || knowledge.document(hit.docId()).map(d -> d.sections().size() > 1).orElse(false);
    if (more) {
      options.add(new Reply.Option(say(ctx, "option.more"), Token.more(hit.docId())));
    }
    options.add(new Reply.Option(say(ctx, "option.person"), Token.PERSON.value()));
    ctx.state = ctx.state.with(Slots.LAST_DOC, hit.docId());
    return ctx.reply(
        intent,
        confidence,
        new Reply(text.toString(), List.of(new Reply.Source(hit.docId(), hit.title())), options, false));
  }

  private TurnResult documentSummary(Context ctx, String docId) {
    Optional<PolicyDocument> doc = knowledge.document(docId).filter(d -> !d.sections().isEmpty());
    if (doc.isEmpty() || doc.get().expiredOn(knowledge.clock().instant().atZone(knowledge.clock().getZone()).toLocalDate())) {
      return offerPerson(ctx, "ask_policy", 1.0, "answer.unknown");
    }
    PolicyDocument d = doc.get();
    PolicyDocument.Section first = d.sections().getFirst();
    PassageHit hit =
        new PassageHit(
            d.id(), d.title(), first.heading(), first.text(), first.text(), 0, d.department(),
            d.category(), d.lang(), d.source(), d.effective(),
            d.notYetEffectiveOn(knowledge.clock().instant().atZone(knowledge.clock().getZone()).toLocalDate()));
    ctx.misses(0);
    ctx.state = ctx.state.with(Slots.PENDING, null).with(Slots.CLARIFY_ROUNDS, null);
    return answer(ctx, hit, "ask_policy", 1.0);
  }

  private TurnResult moreDetail(Context ctx, String docId) {
    Optional<PolicyDocument> doc = knowledge.document(docId);
    if (doc.isEmpty()) {
      return offerPerson(ctx, "ask_policy", 1.0, "answer.unknown");
    }
    PolicyDocument d = doc.get();
    StringBuilder text = new StringBuilder();
    List<PolicyDocument.Section> sections = d.sections();
    for (int i = sections.size() > 1 ? 1 : 0; i < sections.size(); i++) {
      PolicyDocument.Section s = sections.get(i);
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(s.heading()).append(ctx.lang == Lang.EN ? ": " : "：").append(s.text().strip());
    }
    ctx.state = ctx.state.with(Slots.LAST_DOC, d.id());
    return ctx.reply(
        "ask_policy",
        1.0,
        new Reply(
            text.toString(),
            List.of(new Reply.Source(d.id(), d.title())),
            List.of(new Reply.Option(say(ctx, "option.person"), Token.PERSON.value())),
            false));
  }

  // ---------------------------------------------------------------------------------------------
  // Reporting a problem: what, where, contact, confirm

  private TurnResult startReport(Context ctx, String text, double confidence) {
    ctx.misses(0);
    ctx.clearForm();
    String what = ReportForm.describedProblem(ctx.understanding);
    if (what != null) {
      ctx.state = ctx.state.with(Slots.REPORT_WHAT, what);
    }
    ctx.entity(Entity.Type.ADDRESS)
        .ifPresent(a -> ctx.state = ctx.state.with(Slots.REPORT_WHERE, a.text()));
    ctx.entity(Entity.Type.PHONE)
        .ifPresent(p -> ctx.state = ctx.state.with(Slots.REPORT_PHONE, p.value()));
    return nextReportQuestion(ctx, confidence);
  }

  private TurnResult reportStep(Context ctx, String pending, String text, Intent intent) {
    Understanding u = ctx.understanding;
    switch (pending) {
      case Slots.STEP_WHAT -> {
        ctx.state = ctx.state.with(Slots.REPORT_WHAT, u == null ? text : u.masked());
        ctx.entity(Entity.Type.ADDRESS)
            .ifPresent(a -> ctx.state = ctx.state.with(Slots.REPORT_WHERE, a.text()));
      }
      case Slots.STEP_WHERE ->
          ctx.state =
              ctx.state.with(
                  Slots.REPORT_WHERE,
                  ctx.entity(Entity.Type.ADDRESS).map(Entity::text).orElse(u == null ? text : u.masked()));
      case Slots.STEP_CONTACT -> {
        Optional<Entity> phone = ctx.entity(Entity.Type.PHONE);
        if (phone.isPresent()) {
          ctx.state = ctx.state.with(Slots.REPORT_PHONE, phone.get().value());
        } else if (intent.is("deny")) {
          ctx.state = ctx.state.with(Slots.REPORT_NO_PHONE, "true");
        } else {
          return ctx.reply("report_issue", intent.confidence(), Reply.text(say(ctx, "report.askPhoneAgain")));
        }
      }
      case Slots.STEP_CONFIRM -> {
        if (intent.is("affirm")) {
          return fileReport(ctx, intent.confidence());
        }
        if (intent.is("deny")) {
          ctx.clearForm();
          ctx.state = ctx.state.with(Slots.PENDING, Slots.STEP_WHAT);
          return ctx.reply("report_issue", intent.confidence(), Reply.text(say(ctx, "report.again")));
        }
        return ctx.reply(
            "report_issue", intent.confidence(), confirmation(ctx, say(ctx, "report.confirmAgain")));
      }
      default -> {}
    }
    return nextReportQuestion(ctx, intent.confidence());
  }

  private TurnResult nextReportQuestion(Context ctx, double confidence) {
    DialogueState s = ctx.state;
    if (s.get(Slots.REPORT_WHAT).isEmpty()) {
      ctx.state = s.with(Slots.PENDING, Slots.STEP_WHAT);
      return ctx.reply("report_issue", confidence, Reply.text(say(ctx, "report.askWhat")));
    }
    if (s.get(Slots.REPORT_WHERE).isEmpty()) {
      ctx.state = s.with(Slots.PENDING, Slots.STEP_WHERE);
      return ctx.reply("report_issue", confidence, Reply.text(say(ctx, "report.askWhere")));
    }
    boolean reachable = ctx.channel == Channel.SMS || ctx.channel == Channel.VOICE;
    if (!reachable && s.get(Slots.REPORT_PHONE).isEmpty() && s.get(Slots.REPORT_NO_PHONE).isEmpty()) {
      ctx.state = s.with(Slots.PENDING, Slots.STEP_CONTACT);
      return ctx.reply("report_issue", confidence, Reply.text(say(ctx, "report.askPhone")));
    }
    ctx.state = s.with(Slots.PENDING, Slots.STEP_CONFIRM);
    return ctx.reply("report_issue", confidence, confirmation(ctx, ""));
  }

  private Reply confirmation(Context ctx, String prefix) {
    DialogueState s = ctx.state;
    String phone =
        s.get(Slots.REPORT_PHONE)
            .map(ReportForm::maskPhone)
            .orElse(
                ctx.channel == Channel.SMS || ctx.channel == Channel.VOICE
                    ? say(ctx, "report.thisNumber")
                    : say(ctx, "report.noPhone"));
    String text =
        prefix
            + say(
                ctx,
                "report.confirm",
                s.get(Slots.REPORT_WHAT).orElse(""),
                s.get(Slots.REPORT_WHERE).orElse(""),
                phone);
    return new Reply(
        text,
        List.of(),
        List.of(
            new Reply.Option(say(ctx, "option.yes"), Token.YES.value()),
            new Reply.Option(say(ctx, "option.no"), Token.NO.value())),
        false);
  }

  private TurnResult fileReport(Context ctx, double confidence) {
    DialogueState s = ctx.state;
    String what = s.get(Slots.REPORT_WHAT).orElse("");
    String where = s.get(Slots.REPORT_WHERE).orElse("");
    ReportCategories.Category category = categories.classify(what + " " + where);
    String summary = say(ctx, "report.summary", what, where);
    ctx.actions.add(
        new Action.Escalate(
            category.code(), category.priority(), summary, s.get(Slots.REPORT_PHONE).orElse(null), where));
    ctx.clearForm();
    return ctx.reply("report_issue", confidence, Reply.text(say(ctx, "report.filed")));
  }

  // ---------------------------------------------------------------------------------------------
  // A person, emergencies, repeat, slower, menus

  private TurnResult person(Context ctx, String intent, double confidence) {
    ctx.clearForm();
    ctx.misses(0);
    ctx.actions.add(
        new Action.Escalate(
            Action.Escalate.REQUEST_HUMAN, Action.Escalate.NORMAL, say(ctx, "person.summary"), null, null));
    return ctx.reply(intent, confidence, new Reply(say(ctx, "person.connecting"), List.of(), List.of(), true));
  }

  private TurnResult offerPerson(Context ctx, String intent, double confidence, String key) {
    return ctx.reply(
        intent,
        confidence,
        new Reply(
            say(ctx, key),
            List.of(),
            List.of(new Reply.Option(say(ctx, "option.person"), Token.PERSON.value())),
            false));
  }

  private TurnResult emergency(Context ctx, Intent intent) {
    ctx.clearForm();
    String what = ctx.understanding == null ? "" : ctx.understanding.normalized();
    String advice = say(ctx, "emergency." + EmergencyKind.of(what).key());
    ctx.actions.add(
        new Action.Escalate(
            Action.Escalate.EMERGENCY,
            Action.Escalate.HIGHEST,
            say(ctx, "emergency.summary", ctx.understanding == null ? "" : ctx.understanding.masked()),
            null,
            ctx.entity(Entity.Type.ADDRESS).map(Entity::text).orElse(null)));
    return ctx.reply("emergency", intent.confidence(), new Reply(advice, List.of(), List.of(), true));
  }

  /** A model-only emergency guess below this is confirmed with the resident before escalating. */
  static final double CERTAIN_EMERGENCY = 0.6;

  private static boolean isPossibleOnly(Intent intent) {
    return intent.source() == Intent.Source.MODEL && intent.confidence() < CERTAIN_EMERGENCY;
  }

  /**
   * The model thinks this may be an emergency but is not sure: give the numbers at once (never
   * withhold them), then ask. Anything but a clear "no" escalates.
   */
  private TurnResult possibleEmergency(Context ctx, String text, Intent intent) {
    SearchResult result = knowledge.search(queryText(ctx, text), ctx.lang, 5);
    if (result.answerable() && result.best().isPresent()) {
      // Most likely a policy question the model misread: answer it, and still give the numbers.
      TurnResult answered = answer(ctx, result.best().get(), "ask_policy", result.confidence());
      List<Reply> replies = new ArrayList<>(answered.replies());
      replies.add(Reply.text(say(ctx, "emergency.ifEmergency")));
      return new TurnResult(
          replies, answered.intent(), answered.confidence(), answered.lang(), answered.state(), answered.actions());
    }
    ctx.state =
        ctx.state
            .with(Slots.PENDING, Slots.STEP_EMERGENCY)
            .with(Slots.EMERGENCY_TEXT, ctx.understanding == null ? text : ctx.understanding.masked());
    return ctx.reply(
        "emergency",
        intent.confidence(),
        new Reply(
            say(ctx, "emergency.general") + say(ctx, "emergency.askDanger"),
            List.of(),
            List.of(
                new Reply.Option(say(ctx, "option.yes"), Token.YES.value()),
                new Reply.Option(say(ctx, "option.no"), Token.NO.value())),
            false));
  }

  private TurnResult confirmEmergency(Context ctx, String text, Intent intent) {
    String earlier = ctx.state.get(Slots.EMERGENCY_TEXT).orElse("");
    ctx.state = ctx.state.with(Slots.PENDING, null).with(Slots.EMERGENCY_TEXT, null);
    if (intent.is("deny")) {
      ctx.misses(0);
      return ctx.reply("deny", intent.confidence(), Reply.text(say(ctx, "emergency.notDanger")));
    }
    ctx.actions.add(
        new Action.Escalate(
            Action.Escalate.EMERGENCY,
            Action.Escalate.HIGHEST,
            say(ctx, "emergency.summary", earlier + " / " + (ctx.understanding == null ? text : ctx.understanding.masked())),
            null,
            ctx.entity(Entity.Type.ADDRESS).map(Entity::text).orElse(null)));
    return ctx.reply(
        "emergency",
        intent.confidence(),
        new Reply(say(ctx, "emergency." + EmergencyKind.of(earlier + " " + text).key()), List.of(), List.of(), true));
  }

  /**
   * The application asked for a rating (slots {@code pending=rating}, {@code rating.ticket}): a
   * digit 1-5 is the score, then an optional comment. Anything else leaves the question and is
   * handled as usual.
   */
  private Optional<TurnResult> rating(Context ctx, String pending, String text, Intent intent) {
    String ticket = ctx.state.get(Slots.RATING_TICKET).orElse("");
    if (pending.equals(Slots.STEP_RATING)) {
      OptionalInt score = Rating.score(text, intent);
      if (score.isEmpty()) {
        ctx.state = ctx.state.with(Slots.PENDING, null).with(Slots.RATING_TICKET, null);
        return Optional.empty();
      }
      ctx.actions.add(new Action.Rate(ticket, score.getAsInt(), null));
      ctx.state =
          ctx.state
              .with(Slots.PENDING, Slots.STEP_RATING_COMMENT)
              .with(Slots.RATING_SCORE, Integer.toString(score.getAsInt()));
      return Optional.of(ctx.reply("rate", 1.0, Reply.text(say(ctx, "rating.thanksAskComment"))));
    }
    int score = ctx.state.getInt(Slots.RATING_SCORE, 0);
    ctx.state =
        ctx.state.with(Slots.PENDING, null).with(Slots.RATING_TICKET, null).with(Slots.RATING_SCORE, null);
    if (intent.is("deny") || intent.is("goodbye") || intent.is("thanks") || Rating.isNoComment(text)) {
      return Optional.of(ctx.reply("rate", 1.0, Reply.text(say(ctx, "rating.done"))));
    }
    String comment = ctx.understanding == null ? text : ctx.understanding.masked();
    ctx.actions.add(new Action.Rate(ticket, score, comment));
    return Optional.of(ctx.reply("rate", 1.0, Reply.text(say(ctx, "rating.commentThanks"))));
  }

  /** A photo: thanked for, and the question the form was at is asked again. */
  private TurnResult photo(Context ctx) {
    String pending = ctx.state.get(Slots.PENDING).orElse("");
    if (pending.startsWith("report.")) {
      List<Reply> replies = new ArrayList<>();
      replies.add(Reply.text(say(ctx, "photo.withReport")));
      LastReply.read(ctx.state).ifPresent(replies::add);
      return ctx.reply("report_issue", 1.0, replies.toArray(Reply[]::new));
    }
    return ctx.reply("report_issue", 1.0, Reply.text(say(ctx, "photo.alone")));
  }

  private TurnResult repeat(Context ctx, double confidence) {
    Optional<Reply> last = LastReply.read(ctx.state);
    if (last.isEmpty()) {
      return menu(ctx, "repeat", confidence, "menu.intro");
    }
    TurnResult result = ctx.reply("repeat", confidence, last.get());
    return result;
  }

  private TurnResult slower(Context ctx, double confidence) {
    ctx.state = ctx.state.with(Slots.SLOWER, "true");
    List<Reply> replies = new ArrayList<>();
    replies.add(Reply.text(say(ctx, "slower.ok")));
    LastReply.read(ctx.state).ifPresent(replies::add);
    return ctx.reply("slower", confidence, replies.toArray(Reply[]::new));
  }

  private TurnResult menu(Context ctx, String intent, double confidence, String key) {
    ctx.misses(0);
    List<Reply.Option> options =
        List.of(
            new Reply.Option(say(ctx, "menu.ask"), Token.MENU_ASK.value()),
            new Reply.Option(say(ctx, "menu.report"), Token.MENU_REPORT.value()),
            new Reply.Option(say(ctx, "menu.status"), Token.MENU_STATUS.value()),
            new Reply.Option(say(ctx, "option.person"), Token.PERSON.value()));
    return ctx.reply(intent, confidence, new Reply(say(ctx, key), List.of(), options, false));
  }

  private TurnResult notUnderstood(Context ctx, Intent intent) {
    int misses = ctx.state.getInt(Slots.MISSES, 0) + 1;
    ctx.misses(misses);
    if (misses >= 2) {
      ctx.misses(0);
      return offerPerson(ctx, intent.label(), intent.confidence(), "misunderstood.twice");
    }
    return ctx.reply(intent.label(), intent.confidence(), Reply.text(say(ctx, "misunderstood.once")));
  }

  private TurnResult onToken(Context ctx, Token token) {
    return switch (token.kind()) {
      case PERSON -> person(ctx, "request_human", 1.0);
      case MORE -> moreDetail(ctx, token.argument());
      case DOC -> documentSummary(ctx, token.argument());
      case YES -> onText(ctx, "", syntheticIntent("affirm"));
      case NO -> onText(ctx, "", syntheticIntent("deny"));
      case MENU_ASK ->
          ctx.reply("ask_policy", 1.0, Reply.text(say(ctx, "menu.askPrompt")));
      case MENU_REPORT -> startReport(ctx, "", 1.0);
      case MENU_STATUS -> {
        ctx.actions.add(new Action.LookupStatus(null));
        yield ctx.reply("check_status", 1.0);
      }
    };
  }

  private static Intent syntheticIntent(String label) {
    return new Intent(label, 1.0, Map.of(), java.util.OptionalInt.empty(), Intent.Source.KEY);
  }

  private static boolean isCancel(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    return t.equals("取消") || t.equals("算了") || t.equals("不报了") || t.equals("cancel");
  }

  private String say(Context ctx, String key, Object... args) {
    return messages.get(ctx.lang, key, args);
  }

  // ---------------------------------------------------------------------------------------------

  /** The mutable working set of one turn. */
  private static final class Context {
    DialogueState state;
    final Channel channel;
    Lang lang;
    Understanding understanding;
    final List<Action> actions = new ArrayList<>();

    Context(DialogueState state, Channel channel, Lang lang) {
      this.state = state;
      this.channel = channel;
      this.lang = lang == null ? Lang.ZH : lang;
    }

    Optional<Entity> entity(Entity.Type type) {
      return understanding == null ? Optional.empty() : understanding.first(type);
    }

    void misses(int n) {
      state = state.with(Slots.MISSES, n == 0 ? null : Integer.toString(n));
    }

    void clearForm() {
      state =
          state
              .with(Slots.PENDING, null)
              .with(Slots.REPORT_WHAT, null)
              .with(Slots.REPORT_WHERE, null)
              .with(Slots.REPORT_PHONE, null)
              .with(Slots.REPORT_NO_PHONE, null);
    }

    TurnResult reply(String intent, double confidence, Reply... replies) {
      DialogueState next =
          state
              .with(Slots.LANG, lang.code())
              .with(Slots.TURNS, Integer.toString(state.getInt(Slots.TURNS, 0) + 1));
      List<Reply> list = List.of(replies);
      if (!list.isEmpty()) {
        next = LastReply.write(next, list.getLast());
      }
      next = Slots.withOptions(next, list.isEmpty() ? List.of() : list.getLast().options());
      return new TurnResult(list, intent, confidence, lang, next, actions);
    }
  }
}
