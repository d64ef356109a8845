package org.linli.dialog.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

  @TempDir Path dir;

  private record Run(int exit, String output) {}

  private Run run(String tsv, boolean json) throws Exception {
    Path file = dir.resolve("u.tsv");
    Files.writeString(file, tsv, StandardCharsets.UTF_8);
    return run(file, json);
  }

  private static Run run(Path file, boolean json) {
    StringWriter out = new StringWriter();
    int exit = DialogEvaluator.run(file, json, new PrintWriter(out));
    return new Run(exit, out.toString());
  }

  @Test
  void jsonModePrintsOneObjectPerUtteranceThenASummary() throws Exception {
    Run run = run("# comment\n电梯坏了\treport_issue\n谢谢\tthanks\n转人工\tgreet\n", true);
    assertThat(run.exit()).isZero();
    var lines = run.output().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .startsWith("{\"utterance\":\"电梯坏了\",\"expected\":\"report_issue\",\"predicted\":\"report_issue\",\"confidence\":");
    assertThat(lines.get(3))
        .startsWith("{\"total\":3,\"correct\":2,\"accuracy\":0.6667,\"per_intent\":{\"greet\":{\"precision\":0.0000,\"recall\":0.0000")
        .contains("\"confusion\":{")
        .contains("\"greet\":{\"request_human\":1}")
        .endsWith("}}");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() {
    assertThat(Json.string("他说\"救命\"\\ \n\t\u0001")).isEqualTo("\"他说\\\"救命\\\"\\\\ \\n\\t\\u0001\"");
  }

  @Test
  void withoutJsonItPrintsATableForPeople() throws Exception {
    Run run = run("电梯坏了\treport_issue\n谢谢\tthanks\n", false);
    assertThat(run.exit()).isZero();
    assertThat(run.output()).contains("accuracy: 1.000").contains("precision").contains("confusion");
  }

  @Test
  void aMissingFileExitsWithTwoAndSaysWhy() {
    Run run = run(dir.resolve("nope.tsv"), false);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.output()).contains("nope.tsv").contains("no such file");
  }

  @Test
  void aLineWithoutATabOrWithAnUnknownIntentExitsWithTwoNamingTheLine() throws Exception {
    assertThat(run("电梯坏了\treport_issue\n谢谢 thanks\n", false))
        .satisfies(r -> assertThat(r.exit()).isEqualTo(2))
        .satisfies(r -> assertThat(r.output()).contains("line 2"));
    Run unknown = run("电梯坏了\trepair\n", true);
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.output()).startsWith("{\"error\":").contains("repair");
  }

  @Test
  void anEmptyFileOrOneThatIsNotUtf8ExitsWithTwo() throws Exception {
    assertThat(run("# only a comment\n", false).exit()).isEqualTo(2);
    Path latin1 = dir.resolve("latin1.tsv");
    Files.write(latin1, new byte[] {(byte) 0xC4, (byte) 0xE3, '\t', 'g', 'r', 'e', 'e', 't'});
    assertThat(run(latin1, false).output()).contains("not UTF-8");
  }
}
