package org.linli.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.TurnOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** A knowledge manager drops a new policy into the folder; the running service answers from it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
class KnowledgeFolderReloadTest {

  static final Path FOLDER = createFolder();

  static Path createFolder() {
    try {
      Path dir = Files.createTempDirectory("linli-kb");
      Files.writeString(
          dir.resolve("waste-sorting.md"),
          """
          ---
          id: waste-sorting
          title: 垃圾分类投放
          department: 城管局
          category: 环境卫生
          tags: [垃圾分类, 厨余垃圾]
          lang: zh
          ---
          ## 一句话说明
          生活垃圾分四类：可回收物、有害垃圾、厨余垃圾和其他垃圾。
          """);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void knowledgeFolder(DynamicPropertyRegistry registry) {
    registry.add("linli.knowledge.dir", FOLDER::toString);
    registry.add("linli.knowledge.watch", () -> "true");
  }

  @AfterAll
  static void removeFolder() throws IOException {
    FileSystemUtils.deleteRecursively(FOLDER);
  }

  @Autowired ConversationPort conversations;

  private TurnOutcome ask(String text) {
    return conversations.handle(new InboundMessage(Channel.WEB, null, null, null, text, null, Instant.now()));
  }

  @Test
  void aPolicyAddedToTheFolderIsAnsweredWithoutARestart() throws IOException {
    assertThat(ask("老年食堂在哪里吃饭").replies())
        .allSatisfy(r -> assertThat(r.sources()).isEmpty());

    Files.writeString(
        FOLDER.resolve("community-canteen.md"),
        """
        ---
        id: community-canteen
        title: 社区老年食堂
        department: 民政局
        category: 养老服务
        tags: [老年食堂, 助餐, 吃饭]
        synonyms: [长者食堂, 老年餐桌]
        lang: zh
        ---
        ## 一句话说明
        60岁以上老人可以在社区老年食堂吃饭，午餐每份12元，80岁以上每份优惠2元。

        ## 在哪里吃
        每个街道都有老年食堂，地址可以问社区服务中心。
        """);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ask("老年食堂在哪里吃饭").replies())
                    .anySatisfy(
                        r ->
                            assertThat(r.sources())
                                .extracting(s -> s.docId())
                                .contains("community-canteen")));
  }
}
