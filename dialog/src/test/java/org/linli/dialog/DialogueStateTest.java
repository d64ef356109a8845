package org.linli.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stored text form of the dialogue state: compact for Chinese text, and older rows still read. */
class DialogueStateTest {

  static final String REPLY = "高龄津贴：年满80周岁的本市户籍老人，每月100元。请带身份证和户口本到社区服务中心办理。";

  final DialogueState state =
      DialogueState.EMPTY.with("last.text", REPLY).with("pending", "report.where").with("a=b&c", "50% + 1");

  @Test
  void chineseTextIsStoredAsItIsAndTheFormatsOwnCharactersAreEscaped() {
    String stored = state.serialize();

    assertThat(stored)
        .contains("高龄津贴")
        .contains("每月100元。请带身份证")
        .doesNotContain(":")
        .contains("last.text=")
        .contains("a%3Db%26c=50%25 %2B 1");
    assertThat(DialogueState.parse(stored)).isEqualTo(state);
  }

  @Test
  void aStateWrittenInTheEarlierUrlEncodedFormReadsTheSame() {
    StringBuilder before = new StringBuilder();
    state.slots().forEach((k, v) -> before.append(before.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));

    assertThat(DialogueState.parse(before.toString())).isEqualTo(state);
    // the reason for the change: a reply in Chinese took nine characters for each of its own
    assertThat(state.serialize().length()).isLessThan(before.length() / 3);
  }
}
