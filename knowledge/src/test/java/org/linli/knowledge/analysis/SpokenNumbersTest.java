package org.linli.knowledge.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ages and amounts said in words meet the digits documents are written with. */
class SpokenNumbersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
          我妈八十二了,         我妈82了
          一年三千六的补贴,     一年3600的补贴
          住院花了两万,         住院花了20000
          两万五,               25000
          一千零五十元,         1050元
          十二岁,               12岁
          一百五,               150
          六七十岁,             六七十岁
          等一下,               等一下
          万一丢了,             万一丢了
          十分感谢,             十分感谢
          """)
  void numeralsBecomeDigitsAndOrdinaryWordsStay(String spoken, String expected) {
    assertThat(SpokenNumbers.toDigits(spoken)).isEqualTo(expected);
  }
}
