package org.linli.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.LinliApplication;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationHistory;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded database is a file: what a resident said is still there after a restart, the file
 * is forced to the disk while the service runs, and it is made shorter in the background.
 */
class RestartTest {

  @TempDir Path dataDir;

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(LinliApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--linli.data-dir=" + dataDir,
            "--linli.knowledge.watch=false",
            "--spring.autoconfigure.exclude="
                + "org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration");
  }

  @Test
  void aConversationAndTheGeneratedDataKeySurviveARestart() {
    String conversationId;
    try (ConfigurableApplicationContext first = start()) {
      conversationId =
          first
              .getBean(ConversationPort.class)
              .handle(
                  new InboundMessage(
                      Channel.WEB, null, null, null, "高龄津贴怎么申请", null, Instant.now()))
              .conversationId();
    }
    assertThat(dataDir.resolve("linli.mv.db")).exists();
    assertThat(dataDir.resolve("data.key")).exists();

    try (ConfigurableApplicationContext second = start()) {
      ConversationHistory history =
          second.getBean(ConversationPort.class).history(conversationId).orElseThrow();
      assertThat(history.messages()).hasSize(2);
      assertThat(history.messages().get(1).sources())
          .extracting(s -> s.docId())
          .containsExactly("elderly-allowance");
    }
  }

  @Test
  void theDatabaseFileIsForcedToTheDiskEverySecondWhileTheServiceRuns() {
    try (ConfigurableApplicationContext node = start()) {
      MeterRegistry meters = node.getBean(MeterRegistry.class);
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        FunctionCounter syncs = meters.find("linli.database.file.syncs").functionCounter();
        return syncs != null && syncs.count() >= 2;
      });
    }
  }

  @Test
  void theDatabaseFileIsOpenedThroughTheFileSystemThatCutsItInTheBackground() throws Exception {
    try (ConfigurableApplicationContext node = start();
        Connection connection = node.getBean(DataSource.class).getConnection()) {
      // the file H2 opened is the data folder's linli.mv.db, through StepwiseShrink
      assertThat(connection.getMetaData().getURL())
          .startsWith("jdbc:h2:file:stepshrink:")
          .contains(dataDir.resolve("linli").toString());
      assertThat(dataDir.resolve("linli.mv.db")).exists();
    }
  }
}
