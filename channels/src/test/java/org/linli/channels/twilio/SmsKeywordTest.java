package org.linli.channels.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsKeywordTest {

  @Test
  void keywordsIgnoreWidthCaseSpacesAndEndPunctuation() {
    assertThat(TwilioSmsController.keyword(" Stop! ")).isEqualTo("STOP");
    assertThat(TwilioSmsController.keyword("ｓｔｏｐ。")).isEqualTo("STOP");
    assertThat(TwilioSmsController.keyword("退订。")).isEqualTo("退订");
    assertThat(TwilioSmsController.keyword("td")).isEqualTo("TD");
    assertThat(TwilioSmsController.STOP).contains(TwilioSmsController.keyword("退订！"));
    // a sentence that merely mentions the word is not the keyword
    assertThat(TwilioSmsController.STOP).doesNotContain(TwilioSmsController.keyword("怎么退订短信"));
  }
}
