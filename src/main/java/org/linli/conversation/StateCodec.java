package org.linli.conversation;

import java.util.Map;
import org.linli.dialog.DialogueState;
import org.linli.privacy.PersonalData;

/**
 * Stores dialogue state encrypted as a whole ({@code enc:} + AES-GCM, base64): it holds a report
 * form in progress (what happened and where, often an address) and the last reply. Within it,
 * slots whose name starts with {@link DialogueState#PII_PREFIX} (a phone number given in a form)
 * are encrypted once more, as they were before the whole state was (V131), so states written
 * then still load. A state stored in clear before V131 is read as it is and sealed by its next
 * turn; the empty state stays empty, so retention and erasure can tell it apart.
 */
final class StateCodec {

  /** Never written by {@link DialogueState#serialize()}, which %-escapes every ':'. */
  private static final String SEALED = "enc:";

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
    return seal(out.serialize());
  }

  DialogueState load(String stored) {
    DialogueState state = DialogueState.parse(open(stored));
    DialogueState out = state;
    for (Map.Entry<String, String> slot : state.slots().entrySet()) {
      if (slot.getKey().startsWith(DialogueState.PII_PREFIX)) {
        out = out.with(slot.getKey(), personalData.decrypt(slot.getValue()));
      }
    }
    return out;
  }

  /** The stored form of a serialised state whose personal slots are still encrypted. */
  String seal(String serialized) {
    return serialized == null || serialized.isEmpty() ? "" : SEALED + personalData.encrypt(serialized);
  }

  /** The serialised state, personal slots still encrypted, from its stored form. */
  String open(String stored) {
    return stored != null && stored.startsWith(SEALED)
        ? personalData.decrypt(stored.substring(SEALED.length()))
        : stored;
  }
}
