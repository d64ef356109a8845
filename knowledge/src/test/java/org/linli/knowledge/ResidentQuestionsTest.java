package org.linli.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Questions asked the way residents ask them find the policy that answers them. */
class ResidentQuestionsTest {

  private final KnowledgeBase kb = DemoKnowledgeBase.shared();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          高齡津貼怎麼申請                     | elderly-allowance
          辦低保要帶什麼材料                   | minimum-living-allowance
          高灵津贴怎么申请                     | elderly-allowance
          底保一个月能拿多少                   | minimum-living-allowance
          家里停店了找谁                       | power-outage
          医保住院能报多少                     | medical-insurance-reimbursement
          我妈八十多了能领啥钱不               | elderly-allowance
          低保怎麼辦理？                        | minimum-living-allowance
          """)
  void chineseTraditionalAndMisheardQuestionsFindTheirPolicy(String question, String docId) {
    assertThat(kb.search(question).best()).hasValueSatisfying(h -> assertThat(h.docId()).isEqualTo(docId));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          My grandmother is 85. Can she get the old-age allowance? | en-elderly-allowance
          Which number do I call for an ambulance?                 | en-emergency-numbers
          How do I sign up with a family doctor?                   | en-family-doctor
          """)
  void englishQuestionsFindEnglishPolicies(String question, String docId) {
    SearchResult r = kb.search(question);

    assertThat(r.lang()).isEqualTo(Lang.EN);
    assertThat(r.best()).hasValueSatisfying(h -> assertThat(h.docId()).isEqualTo(docId));
  }

  @Test
  void clearQuestionIsAnsweredWithACitableMarkedSnippet() {
    SearchResult r = kb.search("医保报销比例是多少");

    assertThat(r.answerable()).isTrue();
    assertThat(r.confidence()).isBetween(0.6, 1.0);
    PassageHit top = r.best().orElseThrow();
    assertThat(top.docId()).isEqualTo("medical-insurance-reimbursement");
    assertThat(top.source()).startsWith("https://");
    assertThat(top.snippet()).contains("【").contains("】").doesNotContain("<");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          明天天气怎么样，会下雨吗
          现在买哪只股票能赚钱
          红烧肉怎么做才好吃
          去北京的高铁票怎么买
          办护照要带什么材料
          """)
  void outOfScopeQuestionsAbstainInsteadOfGuessing(String question) {
    SearchResult r = kb.search(question);

    assertThat(r.answerable()).isFalse();
    assertThat(r.confidence()).isLessThan(0.6);
  }

  @Test
  void emptyOrFillerOnlyQuestionReturnsNothing() {
    assertThat(kb.search("").hits()).isEmpty();
    assertThat(kb.search("请问一下").answerable()).isFalse();
  }
}
