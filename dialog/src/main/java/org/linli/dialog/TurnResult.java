package org.linli.dialog;

import java.util.List;
import org.linli.knowledge.Lang;

/**
 * What one dialogue turn decided.
 *
 * @param intent the label the turn understood (the stable set of the dialogue issue)
 * @param lang the language the replies are in (the resident's)
 * @param state the new state, for the application to persist
 */
public record TurnResult(
    List<Reply> replies,
    String intent,
    double confidence,
    Lang lang,
    DialogueState state,
    List<Action> actions) {

  public TurnResult {
    replies = List.copyOf(replies);
    actions = List.copyOf(actions);
  }
}
