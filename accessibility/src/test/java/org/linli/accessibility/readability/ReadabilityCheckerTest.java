package org.linli.accessibility.readability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.linli.accessibility.Lang;
import org.linli.accessibility.readability.ReadabilityChecker.Section;
import org.linli.accessibility.readability.ReadabilityIssue.Rule;

class ReadabilityCheckerTest {

  private final ReadabilityChecker checker = new ReadabilityChecker();
  private final ReadabilityChecker english = new ReadabilityChecker(Lang.EN);

  @Nested
  class Chinese {
    @Test
    void aPlainShortPassageHasNoFindings() {
      assertThat(checker.check("elder.md", 3, "六十岁以上的老人可以申请补贴。每月二百元。请带身份证到社区服务中心办理。",
          Lang.ZH, Set.of())).isEmpty();
    }

    @Test
    void aLongSentenceIsReportedOnTheLineItStarts() {
      String text = "第一句很短。\n"
          + "符合条件的本社区常住老年人可以携带本人身份证户口簿以及近期免冠照片到社区服务中心一楼窗口提出申请并填写表格。";
      List<ReadabilityIssue> issues = checker.check("elder.md", 10, text, Lang.ZH, Set.of());
      assertThat(issues).singleElement().satisfies(i -> {
        assertThat(i.rule()).isEqualTo(Rule.SENTENCE_LENGTH);
        assertThat(i.line()).isEqualTo(11);
        assertThat(i.file()).isEqualTo("elder.md");
        assertThat(i.message()).startsWith("句子太长：").contains("不超过40个字");
        assertThat(i.toString()).startsWith("elder.md:11: [sentence-length] 句子太长");
      });
    }

    @Test
    void aSentenceWrappedOverTwoLinesIsOneSentence() {
      String text = "符合条件的本社区常住老年人可以携带本人身份证\n户口簿以及近期免冠照片到社区服务中心一楼窗口提出申请。";
      assertThat(checker.check("a.md", 1, text, Lang.ZH, Set.of()))
          .extracting(ReadabilityIssue::rule).containsExactly(Rule.SENTENCE_LENGTH);
    }

    @Test
    void tooManyNumbersInOneSentenceButADateCountsOnce() {
      assertThat(checker.check("a.md", 1, "2024年1月1日起，80岁以上每月300元，90岁以上每月500元。", Lang.ZH, Set.of()))
          .extracting(ReadabilityIssue::rule).containsExactly(Rule.TOO_MANY_NUMBERS);
      assertThat(checker.check("a.md", 1, "2024年1月1日起每月300元。", Lang.ZH, Set.of())).isEmpty();
      assertThat(checker.check("a.md", 1, "咨询电话：010-1234 5678，每月300元。", Lang.ZH, Set.of())).isEmpty();
    }

    @Test
    void jargonIsReportedWithAPlainAlternative() {
      List<ReadabilityIssue> issues = checker.check("med.md", 5, "看病费用超过起付线的部分可以报销。", Lang.ZH, Set.of());
      assertThat(issues).singleElement().satisfies(i -> {
        assertThat(i.rule()).isEqualTo(Rule.JARGON);
        assertThat(i.message()).contains("起付线", "自己先付的那部分钱");
      });
    }

    @Test
    void jargonExplainedInBracketsOrInTheSynonymListIsFine() {
      assertThat(checker.check("m.md", 1, "超过起付线（自己先付的钱）的部分可以报销。", Lang.ZH, Set.of())).isEmpty();
      assertThat(checker.check("m.md", 1, "超过起付线的部分可以报销。", Lang.ZH, Set.of("起付线"))).isEmpty();
    }

    @Test
    void aLongerJargonTermIsReportedAsItselfOnly() {
      assertThat(checker.check("m.md", 1, "费用由统筹基金支付。", Lang.ZH, Set.of()))
          .extracting(ReadabilityIssue::message).singleElement().asString().contains("统筹基金").doesNotContain("“统筹”");
    }

    @Test
    void anAbbreviationWithoutItsFullFormIsReported() {
      List<ReadabilityIssue> issues = checker.check("m.md", 1, "请带医保卡。", Lang.ZH, Set.of());
      assertThat(issues).singleElement().satisfies(i -> {
        assertThat(i.rule()).isEqualTo(Rule.ABBREVIATION);
        assertThat(i.message()).contains("医疗保险（医保）");
      });
    }

    @Test
    void anAbbreviationNearItsFullFormOrExplainedIsFine() {
      assertThat(checker.check("m.md", 1, "医疗保险（医保）每年缴一次。请带医保卡。", Lang.ZH, Set.of())).isEmpty();
      assertThat(checker.check("m.md", 1, "医保（医疗保险）每年缴一次。", Lang.ZH, Set.of())).isEmpty();
      assertThat(checker.check("m.md", 1, "请带医保卡。", Lang.ZH, Set.of("医保"))).isEmpty();
    }

    @Test
    void anEnglishAcronymInChineseTextIsReported() {
      assertThat(checker.check("m.md", 1, "请在APP里申请。", Lang.ZH, Set.of()))
          .extracting(ReadabilityIssue::rule).containsExactly(Rule.ABBREVIATION);
    }

    @Test
    void linksAreNotProse() {
      assertThat(checker.check("m.md", 1, "详情见https://linli.example.cn/ABC/2024/01/01/300/500 。", Lang.ZH, Set.of()))
          .isEmpty();
    }

    @Test
    void markdownListsAndTablesAreNotRunTogether() {
      String text = """
          申请材料：
          - 身份证
          - 户口本
          | 年龄 | 每月 | 发放 | 时间 |
          |---|---|---|---|
          | 80岁 | 300元 | 每季度 | 1月1日 |
          """;
      assertThat(checker.check("m.md", 1, text, Lang.ZH, Set.of())).isEmpty();
    }
  }

  @Nested
  class English {
    @Test
    void aLongSentenceAndJargonAndAnAcronym() {
      String text = "Residents who meet the eligibility conditions set out in the rules of the district may apply "
          + "at the service centre on any working day between nine and five with their documents.\n"
          + "Ask at the CSC desk.";
      List<ReadabilityIssue> issues = english.check("en.md", 1, text, Lang.EN, Set.of());
      assertThat(issues).extracting(ReadabilityIssue::rule)
          .containsExactly(Rule.SENTENCE_LENGTH, Rule.JARGON, Rule.ABBREVIATION);
      assertThat(issues.get(0).message()).startsWith("Sentence too long:");
      assertThat(issues.get(1).message()).contains("eligibility", "who can apply");
      assertThat(issues.get(2).line()).isEqualTo(2);
      assertThat(issues.get(2).message()).contains("CSC", "community service centre");
    }

    @Test
    void anAcronymDefinedInBracketsOrCommonIsFine() {
      assertThat(english.check("en.md", 1, "Go to the community service centre (CSC). The CSC opens at 9 AM.",
          Lang.EN, Set.of())).isEmpty();
      assertThat(english.check("en.md", 1, "Bring your ID.", Lang.EN, Set.of("ID"))).isEmpty();
    }

    @Test
    void tooManyNumbers() {
      assertThat(english.check("en.md", 1, "Over 80 get 300 yuan and over 90 get 500 yuan.", Lang.EN, Set.of()))
          .extracting(ReadabilityIssue::rule).containsExactly(Rule.TOO_MANY_NUMBERS);
    }
  }

  @Nested
  class Summary {
    @Test
    void theCallerSaysWhetherTheFirstSectionIsASummary() {
      assertThat(checker.checkSummary("a.md", true)).isEmpty();
      assertThat(checker.checkSummary("a.md", false)).singleElement()
          .satisfies(i -> {
            assertThat(i.rule()).isEqualTo(Rule.MISSING_SUMMARY);
            assertThat(i.line()).isEqualTo(1);
          });
    }

    @Test
    void aDocumentThatOpensWithASummarySectionPasses() {
      List<Section> doc = List.of(
          new Section("摘要", "六十岁以上的老人每月可以领二百元补贴。到社区服务中心申请。", 3),
          new Section("怎么申请", "请带身份证到社区服务中心。", 6));
      assertThat(checker.checkSections("a.md", doc, Lang.ZH, Set.of())).isEmpty();
    }

    @Test
    void aDocumentThatOpensWithDetailIsReported() {
      List<Section> doc = List.of(
          new Section("申请条件", "本社区户籍。年满六十岁。", 3),
          new Section("怎么申请", "请带身份证到社区服务中心。", 6));
      assertThat(checker.checkSections("a.md", doc, Lang.ZH, Set.of()))
          .extracting(ReadabilityIssue::rule).containsExactly(Rule.MISSING_SUMMARY);
    }

    @Test
    void aSummaryThatIsTooLongIsReported() {
      List<Section> doc = List.of(new Section("In short", "One. Two. Three. Four. Five.", 1));
      assertThat(english.checkSections("a.md", doc, Lang.EN, Set.of())).singleElement()
          .satisfies(i -> assertThat(i.message()).contains("too long"));
    }

    @Test
    void sectionFindingsCarryTheirOwnLines() {
      List<Section> doc = List.of(
          new Section("要点", "老人可以领补贴。", 1),
          new Section("报销", "第一行。\n超过起付线的部分可以报销。", 20));
      assertThat(checker.checkSections("a.md", doc, Lang.ZH, Set.of()))
          .singleElement().satisfies(i -> assertThat(i.line()).isEqualTo(21));
    }
  }

  @Test
  void theListsAreLoaded() {
    assertThat(ReadabilityChecker.jargon(Lang.ZH)).containsKey("起付线");
    assertThat(ReadabilityChecker.abbreviations(Lang.ZH)).containsEntry("医保", "医疗保险");
    assertThat(ReadabilityChecker.jargon(Lang.EN)).containsKey("eligibility");
  }
}
