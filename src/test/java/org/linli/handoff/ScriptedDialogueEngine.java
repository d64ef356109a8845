package org.linli.handoff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linli.dialog.Action;
import org.linli.dialog.DialogueEngine;
import org.linli.dialog.DialogueState;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnResult;
import org.linli.knowledge.Lang;

/**
 * A stand-in for the policy engine in tests only: emits the actions the real engine emits
 * (Escalate for "人工"/"漏水", LookupStatus for "查 123456", Rate for a digit while a rating is
 * pending), so the application's side of them can be tested before that engine lands.
 */
final class ScriptedDialogueEngine implements DialogueEngine {

  private static final Pattern LOOKUP = Pattern.compile("查\\s*(\\d{6})?");

  @Override
  public TurnResult turn(DialogueState state, Turn turn) {
    String text = turn.text().strip();
    Lang lang = turn.langHint() != null ? turn.langHint() : Lang.ZH;
    if (state.get("pending").filter("rating"::equals).isPresent() && text.matches("[1-5]")) {
      String ticket = state.get("rating.ticket").orElseThrow();
      return result(List.of(), "rate", lang, state.with("pending", null).with("rating.ticket", null),
          new Action.Rate(ticket, Integer.parseInt(text), null));
    }
    if (text.contains("人工") || text.equalsIgnoreCase("person")) {
      return result(List.of(Reply.text("好的，马上为您转人工。")), "request_human", lang, state,
          new Action.Escalate(Action.Escalate.REQUEST_HUMAN, Action.Escalate.NORMAL, text, null, null));
    }
    if (text.contains("漏水")) {
      return result(List.of(Reply.text("已记下漏水问题。")), "report_issue", lang, state,
          new Action.Escalate("water_leak", 1, text, "13812345678", "3号楼2单元"));
    }
    Matcher m = LOOKUP.matcher(text);
    if (m.lookingAt()) {
      return result(List.of(), "check_status", lang, state, new Action.LookupStatus(m.group(1)));
    }
    return result(List.of(Reply.text("好的。")), "chitchat", lang, state);
  }

  private static TurnResult result(
      List<Reply> replies, String intent, Lang lang, DialogueState state, Action... actions) {
    return new TurnResult(replies, intent, 0.9, lang, state.with("lang", lang.code()), List.of(actions));
  }
}
