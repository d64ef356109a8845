package org.linli.knowledge.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Traditional characters, full-width letters and spoken numbers all look like the documents. */
class ResidentTextTest {

  @Test
  void foldingKeepsOneCharacterForOne() {
    String text = "高齡津貼ＡＢＣ１２３，怎麼辦？";

    String folded = ResidentText.fold(text);

    assertThat(folded).isEqualTo("高龄津贴ABC123,怎么办?");
    assertThat(folded).hasSameSizeAs(text);
  }

  @Test
  void normalizeAndSegmentAsTheDialogueExpects() {
    assertThat(ResidentText.normalize("  醫保　報銷 ")).isEqualTo("医保 报销");
    assertThat(ResidentText.segment("医疗保险报销")).containsExactly("医疗", "保险", "报销");
    assertThat(ResidentText.hanShare("医保 ok")).isEqualTo(0.5);
  }

  @Test
  void questionIsPreparedForSearch() {
    assertThat(ResidentText.forSearch("我媽八十二了")).isEqualTo("我妈82了");
  }

  @Test
  void pinyinFoldsTheSoundsRecognisersConfuse() {
    assertThat(Pinyin.of('龄')).isEqualTo(Pinyin.of('灵')).isEqualTo("lin");
    assertThat(Pinyin.of('是')).isEqualTo("si");
    assertThat(Pinyin.of('A')).isNull();
  }
}
