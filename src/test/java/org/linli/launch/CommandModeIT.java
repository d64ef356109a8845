package org.linli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar runs one command and exits, without a web server and without touching the database. */
class CommandModeIT {

  @TempDir Path workDir;

  @Test
  void kbSearchPrintsTheAnswerAndExits() throws Exception {
    PackagedJar.Run run =
        PackagedJar.command(workDir, List.of("kb", "search", "\"高龄津贴怎么申请\"", "--json"));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("elderly-allowance");
    assertThat(run.stdout() + run.stderr()).doesNotContain("Tomcat started");
    // command mode leaves the embedded database alone (no ./data created)
    assertThat(Files.exists(workDir.resolve("data"))).isFalse();
  }

  @Test
  void kbLintReportsHardPassagesAndBrokenDocumentsWithFileAndLine() throws Exception {
    Path kb = Files.createDirectories(workDir.resolve("kb"));
    Files.writeString(
        kb.resolve("good.md"),
        "---\nid: good\ntitle: 高龄津贴申领\ndepartment: 民政局\ncategory: 养老服务\nlang: zh\n---\n"
            + "## 一句话说明\n满80岁的老人可以领高龄津贴。\n\n"
            + "## 怎么办理\n"
            + "老人本人或者家属带着身份证户口本和银行卡到户籍所在地的社区服务中心窗口填写申请表并签字确认后等待审核通知。\n");
    Files.writeString(kb.resolve("broken.md"), "---\ntitle: 没有编号\nlang: zh\n---\n## 一句话说明\n内容。\n");

    PackagedJar.Run run = PackagedJar.command(workDir, List.of("kb", "lint", "--knowledge", kb.toString()));

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
    assertThat(run.stdout()).contains("good.md:12: [sentence-length]").contains("broken.md:");
  }

  @Test
  void dialogEvalPrintsOneJsonObjectPerUtteranceAndASummary() throws Exception {
    Path tsv = workDir.resolve("utterances.tsv");
    Files.writeString(tsv, "我要找人工\trequest_human\n我家着火了\temergency\n");

    PackagedJar.Run run =
        PackagedJar.command(workDir, List.of("dialog", "eval", "--utterances", tsv.toString(), "--json"));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("\"utterance\":\"我要找人工\"")
        .contains("\"expected\":\"emergency\"")
        .contains("\"accuracy\"");
  }

  @Test
  void kbEvalWithAMissingQuestionsFileFailsWithAClearMessage() throws Exception {
    PackagedJar.Run run =
        PackagedJar.command(
            workDir,
            List.of("kb", "eval", "--knowledge", workDir.toString(), "--questions", "nope.tsv"));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stdout() + run.stderr()).contains("nope.tsv");
  }
}
