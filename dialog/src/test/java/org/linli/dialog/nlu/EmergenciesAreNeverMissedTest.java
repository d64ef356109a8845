package org.linli.dialog.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmergenciesAreNeverMissedTest {

  private final IntentClassifier classifier = IntentClassifier.bundled();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "厨房着火了", "著火啦", "我闻到煤气味", "燃气泄漏", "我妈在厕所摔倒了", "老伴晕倒了", "我胸口疼",
        "喘不上气", "他在打人", "我不想活了", "我想死", "呃呃，那个，着火了", "救命",
        "fire in the kitchen", "I smell gas", "gas leak", "chest pain", "my dad fell down",
        "I want to kill myself", "我爸摔倒了，就是，起不来了"
      })
  void anEmergencyKeywordForcesEmergencyWhateverTheModelSays(String text) {
    Intent intent = classifier.classify(text);
    assertThat(intent.label()).isEqualTo("emergency");
    assertThat(intent.source()).isEqualTo(Intent.Source.RULE);
  }

  @Test
  void aHeaterThatWillNotLightIsNotAFire() {
    assertThat(new EmergencyRule(java.util.List.of("着火", "!打不着火")).matches("热水器打不着火"))
        .isFalse();
    assertThat(classifier.classify("燃气灶打不着火了").source()).isNotEqualTo(Intent.Source.RULE);
  }

  @Test
  void englishKeywordsMatchWholeWordsOnly() {
    EmergencyRule rule = new EmergencyRule(java.util.List.of("fire in"));
    assertThat(rule.matches("there is a fire in my flat")).isTrue();
    assertThat(rule.matches("how does fire insurance work")).isFalse();
  }
}
