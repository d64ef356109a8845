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

    assertThat(stored).doesNotContain("13812345678").startsWith("enc:");
    assertThat(codec.load(stored).get("pii.form.phone")).contains("13812345678");
    assertThat(codec.load(stored).get("pending")).contains("report.confirm");
  }

  @Test
  void aReportFormInProgressIsStoredEncryptedAsAWhole() {
    DialogueState state = DialogueState.EMPTY.with("pending", "report.where")
        .with("form.what", "家里漏水").with("form.where", "幸福小区3栋502");

    String stored = codec.save(state);

    assertThat(stored).doesNotContain("form.where").doesNotContain(
        java.net.URLEncoder.encode("幸福小区", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(codec.load(stored)).isEqualTo(state);
  }

  @Test
  void aStateStoredInClearBeforeIsStillReadAndTheEmptyStateStaysEmpty() {
    String before = DialogueState.EMPTY.with("pending", "report.where").with("form.what", "漏水").serialize();

    assertThat(codec.load(before).get("form.what")).contains("漏水");
    assertThat(codec.save(DialogueState.EMPTY)).isEmpty();
    assertThat(codec.load("")).isEqualTo(DialogueState.EMPTY);
  }
}
