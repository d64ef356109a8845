package org.linli.dialog.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linli.knowledge.Lang;

class LanguageIsDetectedEvenForShortMessagesTest {

  private final LanguageDetector detector = new LanguageDetector();

  @ParameterizedTest
  @ValueSource(strings = {"谢谢", "嗯", "好", "你好", "電梯壞了", "wifi坏了", "我家的wifi路由器坏了好几天了"})
  void chineseMessagesAreAnsweredInChinese(String text) {
    assertThat(detector.detect(text)).isEqualTo(Lang.ZH);
    assertThat(detector.detect(text, Lang.EN)).isEqualTo(Lang.ZH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hi", "ok", "no", "thanks", "I live in 幸福小区",
        "The lift in my building has been broken for three days and nobody came"
      })
  void englishMessagesAreAnsweredInEnglish(String text) {
    assertThat(detector.detect(text)).isEqualTo(Lang.EN);
    assertThat(detector.detect(text, Lang.ZH)).isEqualTo(Lang.EN);
  }

  @Test
  void aShortMixedMessageIsEnglishOnlyWhenEnglishGrammarFramesIt() {
    assertThat(detector.detect("我要check status", Lang.EN)).isEqualTo(Lang.ZH);
    assertThat(detector.detect("please check 我的 order", Lang.ZH)).isEqualTo(Lang.EN);
  }

  @Test
  void aLongMixedMessageIsDecidedByTheModel() {
    assertThat(
            detector.detect(
                "请问 community service centre 的 opening hours 是几点到几点，我想 visit 一下"))
        .isEqualTo(Lang.ZH);
  }

  @Test
  void otherLatinScriptLanguagesAreAnsweredInEnglish() {
    assertThat(detector.detect("bonjour, je voudrais parler avec quelqu'un du centre")).isEqualTo(Lang.EN);
  }

  @Test
  void keyPressesAndNumbersKeepTheConversationsLanguage() {
    assertThat(detector.detect("0", Lang.EN)).isEqualTo(Lang.EN);
    assertThat(detector.detect("123456", Lang.ZH)).isEqualTo(Lang.ZH);
    assertThat(detector.detect("*", null)).isEqualTo(Lang.ZH);
    assertThat(detector.detect("", Lang.EN)).isEqualTo(Lang.EN);
  }
}
