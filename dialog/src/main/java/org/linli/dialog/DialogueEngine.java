package org.linli.dialog;

/**
 * The dialogue core: one turn from the conversation's state and one message. Stateless and
 * thread-safe, so any application node can take any conversation's next message.
 */
public interface DialogueEngine {

  TurnResult turn(DialogueState state, Turn turn);

  /**
   * The part of an inbound message the engine needs.
   *
   * @param langHint the language to answer in when the channel or resident set it; null to
   *     detect it from the text
   */
  record Turn(Channel channel, String text, org.linli.knowledge.Lang langHint) {}
}
