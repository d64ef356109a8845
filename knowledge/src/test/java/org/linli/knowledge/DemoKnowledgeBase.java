package org.linli.knowledge;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The demo knowledge base and development questions shipped with the module, for tests. */
public final class DemoKnowledgeBase {

  /** The day the demo content was written for; fixed so that expiry is reproducible. */
  public static final Clock TODAY =
      Clock.fixed(LocalDate.of(2026, 11, 23).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai"));

  private static KnowledgeBase shared;

  private DemoKnowledgeBase() {}

  /** The folder linli/kb, from the class path when it is a directory, else from the module folder. */
  public static Path folder() {
    URL url = DemoKnowledgeBase.class.getClassLoader().getResource("linli/kb");
    if (url != null && "file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException e) {
        // fall through to the source folder
      }
    }
    return Path.of("src/main/resources/linli/kb");
  }

  public static Path devQuestions() {
    Path p = Path.of("eval/dev-questions.tsv");
    return Files.exists(p) ? p : Path.of("knowledge/eval/dev-questions.tsv");
  }

  /** One knowledge base over the demo folder, shared by the tests that only read it. */
  public static synchronized KnowledgeBase shared() {
    if (shared == null) {
      shared = KnowledgeBase.build(DocumentLoader.loadDirectory(folder()), TODAY);
    }
    return shared;
  }
}
