package org.linli.knowledge.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.knowledge.DemoKnowledgeBase;
import org.linli.knowledge.KnowledgeBase;

/** What a knowledge manager gets from {@code kb eval} and {@code kb search}. */
class KbEvaluatorTest {

  private static String policy(String id, String title, String text) {
    return "---\nid: " + id + "\ntitle: " + title + "\nlang: zh\n---\n## 一句话说明\n" + text + "\n";
  }

  private static String run(Path kb, Path tsv, boolean json, int[] exit) {
    StringWriter s = new StringWriter();
    exit[0] = KbEvaluator.run(kb, tsv, json, new PrintWriter(s));
    return s.toString();
  }

  @Test
  void jsonOutputHasOneObjectPerQuestionThenASummaryWithBaseline(@TempDir Path dir) throws Exception {
    Path kb = Files.createDirectory(dir.resolve("kb"));
    Files.writeString(kb.resolve("canteen.md"), policy("canteen", "社区老年食堂", "老人可以到社区食堂吃饭，每餐补贴3元。"), StandardCharsets.UTF_8);
    Files.writeString(kb.resolve("power.md"), policy("power-outage", "停电报修", "家里停电了，请打95598报修。"), StandardCharsets.UTF_8);
    Path tsv = dir.resolve("q.tsv");
    Files.writeString(
        tsv,
        "# comment\n老年食堂在哪吃饭\tcanteen\tcolloquial\n家里停電了\tpower-outage\ttraditional\n"
            + "股票怎么买\t-\toos\n说\"引号\"和\\反斜杠\t-\toos\n",
        StandardCharsets.UTF_8);
    int[] exit = new int[1];

    List<String> lines = run(kb, tsv, true, exit).lines().toList();

    assertThat(exit[0]).isZero();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0))
        .startsWith("{\"question\":\"老年食堂在哪吃饭\",\"expected\":\"canteen\",\"ranked\":[\"canteen\"")
        .contains("\"answerable\":")
        .contains("\"confidence\":");
    assertThat(lines.get(3)).startsWith("{\"question\":\"说\\\"引号\\\"和\\\\反斜杠\",\"expected\":\"-\"");
    String summary = lines.get(4);
    assertThat(summary)
        .startsWith("{\"summary\":true")
        .contains("\"recall@1\":1", "\"recall@3\":1", "\"mrr\":1", "\"in_scope_answered\":", "\"out_of_scope_abstained\":")
        .contains("\"by_tag\":{\"colloquial\":{", "\"traditional\":{", "\"oos\":{")
        .contains("\"baseline\":{");
  }

  @Test
  void readableReportComparesEngineWithBaseline() {
    int[] exit = new int[1];
    String out = run(DemoKnowledgeBase.folder(), DemoKnowledgeBase.devQuestions(), false, exit);

    assertThat(exit[0]).isZero();
    assertThat(out).contains("engine", "baseline", "recall@1", "out-of-scope abstained", "traditional");
  }

  @Test
  void unreadableInputExitsWithTwoAndSaysWhy(@TempDir Path dir) throws Exception {
    int[] exit = new int[1];

    String missingFolder = run(dir.resolve("nope"), dir.resolve("q.tsv"), true, exit);
    assertThat(exit[0]).isEqualTo(2);
    assertThat(missingFolder).contains("knowledge folder not found");

    String missingQuestions = run(DemoKnowledgeBase.folder(), dir.resolve("q.tsv"), true, exit);
    assertThat(exit[0]).isEqualTo(2);
    assertThat(missingQuestions).contains("cannot read question file");

    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "ok question\tcanteen\nno tab here\n", StandardCharsets.UTF_8);
    String malformed = run(DemoKnowledgeBase.folder(), bad, true, exit);
    assertThat(exit[0]).isEqualTo(2);
    assertThat(malformed).contains("bad.tsv:2");
  }

  @Test
  void searchCommandShowsPassagesWithConfidence() {
    KnowledgeBase kb = DemoKnowledgeBase.shared();
    StringWriter s = new StringWriter();

    int exit = KbEvaluator.search(kb, "高龄津贴怎么领", true, new PrintWriter(s));

    assertThat(exit).isZero();
    assertThat(s.toString())
        .startsWith("{\"question\":\"高龄津贴怎么领\",\"lang\":\"zh\",\"confidence\":")
        .contains("\"answerable\":true", "\"hits\":[{\"docId\":\"elderly-allowance\"", "\"snippet\":", "【");
  }

  @Test
  void jsonStringsAreEscaped() {
    assertThat(JsonObject.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    assertThat(JsonObject.number(0.5)).isEqualTo("0.5");
    assertThat(JsonObject.number(1.0)).isEqualTo("1");
    assertThat(JsonObject.number(Double.NaN)).isEqualTo("null");
  }
}
