package org.linli.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents change while residents keep asking: no query fails and new content is found. */
class ReloadTest {

  private static String policy(String id, String title, String text) {
    return "---\nid: " + id + "\ntitle: " + title + "\nlang: zh\n---\n## 一句话说明\n" + text + "\n";
  }

  @Test
  void replacingTheIndexNeverFailsQueriesInFlight() throws Exception {
    LoadedDocuments v1 = DocumentLoader.load(List.of(new SourceText("a.md", policy("canteen", "社区老年食堂", "老人可以到社区食堂吃饭，每餐补贴3元。"))));
    LoadedDocuments v2 = DocumentLoader.load(List.of(new SourceText("a.md", policy("canteen", "社区老年食堂", "老人可以到社区食堂吃饭，每餐补贴5元。"))));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (KnowledgeBase kb = KnowledgeBase.build(v1, DemoKnowledgeBase.TODAY)) {
      AtomicBoolean running = new AtomicBoolean(true);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      List<Future<Integer>> askers = new java.util.ArrayList<>();
      for (int t = 0; t < 2; t++) {
        askers.add(
            pool.submit(
                () -> {
                  int answered = 0;
                  while (running.get()) {
                    try {
                      if (kb.search("老年食堂吃饭补贴多少").best().isPresent()) {
                        answered++;
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }
                  return answered;
                }));
      }
      for (int i = 0; i < 40; i++) {
        kb.replace(i % 2 == 0 ? v2 : v1);
      }
      running.set(false);
      int answered = 0;
      for (Future<Integer> f : askers) {
        answered += f.get(30, TimeUnit.SECONDS);
      }

      assertThat(failures).isEmpty();
      assertThat(answered).isPositive();
      kb.replace(v2);
      assertThat(kb.search("老年食堂吃饭补贴多少").best().orElseThrow().text()).contains("5元");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void watcherPicksUpANewDocumentAndReportsABrokenOneWithoutDroppingTheRest(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("canteen.md"), policy("canteen", "社区老年食堂", "老人可以到社区食堂吃饭。"), StandardCharsets.UTF_8);
    List<KnowledgeFolderWatcher.Reload> reloads = new CopyOnWriteArrayList<>();
    try (KnowledgeBase kb = KnowledgeBase.build(DocumentLoader.loadDirectory(dir), DemoKnowledgeBase.TODAY);
        KnowledgeFolderWatcher watcher = new KnowledgeFolderWatcher(kb, dir, reloads::add).start(Duration.ofMillis(50))) {
      assertThat(kb.search("停电了怎么办").hits()).isEmpty();

      Files.writeString(dir.resolve("power.md"), policy("power-outage", "停电报修", "家里停电了，请打95598报修。"), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("broken.md"), "---\ntitle: 没有编号\nlang: zh\n---\n## 一句话说明\n内容。\n", StandardCharsets.UTF_8);

      await().atMost(Duration.ofSeconds(10)).until(() -> kb.document("power-outage").isPresent());
      assertThat(kb.search("停电了怎么办").best()).hasValueSatisfying(h -> assertThat(h.docId()).isEqualTo("power-outage"));
      assertThat(kb.document("canteen")).isPresent();
      assertThat(kb.problems()).singleElement().satisfies(p -> assertThat(p.file()).isEqualTo("broken.md"));
      assertThat(reloads).isNotEmpty();

      KnowledgeFolderWatcher.Reload manual = watcher.reload();
      assertThat(manual.documents()).isEqualTo(2);
    }
  }
}
