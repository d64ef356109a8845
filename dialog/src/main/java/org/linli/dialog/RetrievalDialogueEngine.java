package org.linli.dialog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.Lang;
import org.linli.knowledge.PassageHit;
import org.linli.knowledge.SearchResult;
import org.linli.knowledge.analysis.ResidentText;

/**
 * The simplest real dialogue turn: every message is a policy question. It answers with the best
 * passage and its source when retrieval is sure, offers the likeliest topics when it is not, and
 * otherwise says that it does not know and where to ask. The intent-aware engine of the dialogue
 * issue replaces it behind {@link DialogueEngine}.
 */
public final class RetrievalDialogueEngine implements DialogueEngine {

  static final String ASK_POLICY = "ask_policy";
  private static final int MAX_TOPICS = 3;
  /** Retrieval looks at the start of a long message: the question is almost always there. */
  static final int MAX_QUERY_CODE_POINTS = 200;

  private final KnowledgeBase knowledge;
  private final Messages messages;

  public RetrievalDialogueEngine(KnowledgeBase knowledge, Messages messages) {
    this.knowledge = knowledge;
    this.messages = messages;
  }

  @Override
  public TurnResult turn(DialogueState state, Turn turn) {
    Lang lang = turn.langHint() != null ? turn.langHint() : detectLanguage(turn.text(), state);
    SearchResult result = knowledge.search(queryText(turn.text()), lang, 5);
    Reply reply;
    if (result.answerable() && result.best().isPresent()) {
      reply = answer(result.best().get(), lang);
    } else if (!result.hits().isEmpty()) {
      reply = offerTopics(result, lang);
    } else {
      reply = Reply.text(messages.get(lang, "answer.unknown"));
    }
    DialogueState next =
        state
            .with("lang", lang.code())
            .with("turns", Integer.toString(state.getInt("turns", 0) + 1))
            .with("lastReply", reply.text());
    return new TurnResult(
        List.of(reply), ASK_POLICY, result.confidence(), lang, next, List.of());
  }

  private Reply answer(PassageHit hit, Lang lang) {
    String text = hit.text().strip();
    if (hit.notYetEffective() && hit.effective() != null) {
      text = messages.get(lang, "answer.notYetEffective", hit.effective().toString()) + text;
    }
    return new Reply(
        text, List.of(new Reply.Source(hit.docId(), hit.title())), List.of(), false);
  }

  private Reply offerTopics(SearchResult result, Lang lang) {
    Set<String> titles = new LinkedHashSet<>();
    for (PassageHit hit : result.hits()) {
      titles.add(hit.title());
      if (titles.size() == MAX_TOPICS) {
        break;
      }
    }
    List<Reply.Option> options = new ArrayList<>();
    for (String title : titles) {
      options.add(new Reply.Option(title, title));
    }
    return new Reply(messages.get(lang, "answer.unsure"), List.of(), options, false);
  }

  static String queryText(String text) {
    if (text.codePointCount(0, text.length()) <= MAX_QUERY_CODE_POINTS) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, MAX_QUERY_CODE_POINTS));
  }

  /**
   * Decides by script: any Han character means Chinese; Latin letters without Han mean English;
   * digits or symbols alone keep the conversation's language (Chinese by default).
   */
  static Lang detectLanguage(String text, DialogueState state) {
    if (ResidentText.hanShare(text) > 0) {
      return Lang.ZH;
    }
    if (text != null && text.codePoints().anyMatch(cp -> Character.isLetter(cp))) {
      return Lang.EN;
    }
    return state.get("lang").flatMap(Lang::fromCode).orElse(Lang.ZH);
  }
}
