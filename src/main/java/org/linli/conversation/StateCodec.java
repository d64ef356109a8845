package org.linli.conversation;

import java.util.Map;
import org.linli.dialog.DialogueState;
import org.linli.privacy.PersonalData;

/**
 * Stores dialogue state: slots whose name starts with {@link DialogueState#PII_PREFIX} (a phone
 * number given in a report form) are encrypted at rest and decrypted for the next turn.
 */
final class StateCodec {

  private final PersonalData personalData;

  StateCodec(PersonalData personalData) {
    this.personalData = personalData;
  }

  String save(DialogueState state) {
    DialogueState out = state;
    for (Map.Entry<String, String> slot : state.slots().entrySet()) {
      if (slot.getKey().startsWith(DialogueState.PII_PREFIX)) {
        out = out.with(slot.getKey(), personalData.encrypt(slot.getValue()));
      }
    }
    return out.serialize();
  }

  DialogueState load(String stored) {
    DialogueState state = DialogueState.parse(stored);
    DialogueState out = state;
    for (Map.Entry<String, String> slot : state.slots().entrySet()) {
      if (slot.getKey().startsWith(DialogueState.PII_PREFIX)) {
        out = out.with(slot.getKey(), personalData.decrypt(slot.getValue()));
      }
    }
    return out;
  }
}
