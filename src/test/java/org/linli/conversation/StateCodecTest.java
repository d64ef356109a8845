package org.linli.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linli.dialog.DialogueState;
import org.linli.privacy.PersonalData;

class StateCodecTest {

  private final StateCodec codec = new StateCodec(new PersonalData(new byte[32]));

  @Test
  void aPhoneNumberGivenInAFormIsEncryptedInTheStoredStateAndBackForTheNextTurn() {
    DialogueState state =
        DialogueState.EMPTY.with("pending", "report.confirm").with("pii.form.phone", "13812345678");

    String stored = codec.save(state);

    assertThat(stored).doesNotContain("13812345678").contains("report.confirm");
    assertThat(codec.load(stored).get("pii.form.phone")).contains("13812345678");
    assertThat(codec.load(stored).get("pending")).contains("report.confirm");
  }
}
