package org.linli.dialog.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPressesWorkLikeWordsTest {

  private final IntentClassifier classifier = IntentClassifier.bundled();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, request_human", "按0, request_human", "０, request_human", "press 0, request_human",
    "*, repeat", "＊, repeat", "星号, repeat", "#, slower", "井号键, slower", "＃, slower"
  })
  void zeroStarAndHashMeanAPersonRepeatAndSlower(String key, String intent) {
    Intent result = classifier.classify(key);
    assertThat(result.label()).isEqualTo(intent);
    assertThat(result.source()).isEqualTo(Intent.Source.KEY);
    assertThat(result.confidence()).isEqualTo(1.0);
  }

  @ParameterizedTest(name = "{0} chooses option {1}")
  @CsvSource({"1, 1", "5, 5", "９, 9", "按3, 3", "三, 3", "two, 2"})
  void aLoneDigitIsAChoiceNotAnIntent(String key, int option) {
    Intent result = classifier.classify(key);
    assertThat(result.label()).isEqualTo(Intent.DIGIT);
    assertThat(result.isIntent()).isFalse();
    assertThat(result.digit()).hasValue(option);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "3号楼", "123456"})
  void numbersThatAreNotKeysGoToTheModel(String text) {
    assertThat(classifier.classify(text).source()).isEqualTo(Intent.Source.MODEL);
  }
}
