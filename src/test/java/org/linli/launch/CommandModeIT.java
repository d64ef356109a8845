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
  void kbEvalWithAMissingQuestionsFileFailsWithAClearMessage() throws Exception {
    PackagedJar.Run run =
        PackagedJar.command(
            workDir,
            List.of("kb", "eval", "--knowledge", workDir.toString(), "--questions", "nope.tsv"));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stdout() + run.stderr()).contains("nope.tsv");
  }
}
