package org.linli.dialog.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentWordingIsNormalisedTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          三号楼                       | 3号楼
          二十三号楼                   | 23号楼
          三百零二室                   | 302室
          十五号                       | 15号
          三月五号下午两点             | 3月5号下午2点
          明天上午十点                 | 明天上午10点
          一二三四五六                 | 123456
          工单号是幺二三四五六         | 工单号是123456
          我住在幸福小区三号楼二单元五零一 | 我住在幸福小区3号楼2单元501
          三                           | 3
          """)
  void chineseNumeralsThatCarryMeaningBecomeDigits(String spoken, String normalised) {
    assertThat(TextNormalizer.normalize(spoken)).isEqualTo(normalised);
  }

  @ParameterizedTest(name = "{0} stays as it is")
  @CsvSource({"我有一点不舒服", "十分感谢", "三四个人来过", "一路平安", "一下子说不清"})
  void numeralsInIdiomsAndRoughAmountsAreLeftAlone(String text) {
    assertThat(TextNormalizer.normalize(text)).isEqualTo(text);
  }

  @Test
  void spokenEnglishDigitsBecomeANumber() {
    assertThat(TextNormalizer.normalize("my ticket is one two three four five six"))
        .isEqualTo("my ticket is 123456");
    assertThat(TextNormalizer.normalize("Two")).isEqualTo("2");
    assertThat(TextNormalizer.normalize("I have one question")).isEqualTo("i have one question");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          嗯，那个，电梯坏了     | 电梯坏了
          呃呃 着火了            | 着火了
          嗯嗯我想问一下低保     | 我想问一下低保
          那个 那个 水管漏了     | 水管漏了
          um, my lift is broken  | my lift is broken
          uh I need uh help      | i need help
          """)
  void fillerWordsAreDropped(String spoken, String normalised) {
    assertThat(TextNormalizer.normalize(spoken)).isEqualTo(normalised);
  }

  @ParameterizedTest(name = "{0} is kept")
  @CsvSource({"嗯", "嗯嗯", "嗯。", "哦", "um", "就是这个", "额度是多少", "不是那个", "umbrella"})
  void aFillerThatIsTheWholeAnswerOrPartOfAWordIsKept(String text) {
    assertThat(TextNormalizer.normalize(text)).isEqualTo(text);
  }

  @Test
  void traditionalAndFullWidthTextMatchesSimplified() {
    assertThat(TextNormalizer.normalize("電梯壞了，ＯＫ？")).isEqualTo("电梯坏了,ok?");
  }

  @Test
  void aNumberReadOutInGroupsIsOneNumber() {
    assertThat(TextNormalizer.normalize("１３８ １２３４ ５６７８")).isEqualTo("13812345678");
    assertThat(TextNormalizer.normalize("一三八 一二三四 五六七八")).isEqualTo("13812345678");
    assertThat(TextNormalizer.normalize("打010-62345678")).isEqualTo("打010-62345678");
    assertThat(TextNormalizer.normalize("3 5 号")).isEqualTo("3 5 号");
  }

  @Test
  void emptyAndNullInputIsEmpty() {
    assertThat(TextNormalizer.normalize(null)).isEmpty();
    assertThat(TextNormalizer.normalize("   ")).isEmpty();
  }
}
