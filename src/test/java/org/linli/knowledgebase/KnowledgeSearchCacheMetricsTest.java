package org.linli.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.SourceText;

/** Operators see how often the search result cache answers, and can size it or turn it off. */
class KnowledgeSearchCacheMetricsTest {

  @Test
  void cacheHitsAndMissesAreMetered() {
    var docs =
        DocumentLoader.load(
            List.of(
                new SourceText(
                    "a.md",
                    "---\nid: canteen\ntitle: 社区老年食堂\nlang: zh\n---\n## 一句话说明\n老人可以到社区食堂吃饭。\n")));
    try (KnowledgeBase kb = KnowledgeBase.build(docs, Clock.systemUTC(), 16)) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new KnowledgeBaseConfiguration().knowledgeSearchCacheMetrics(kb).bindTo(registry);

      kb.search("老年食堂在哪里");
      kb.search("老年食堂在哪里");
      kb.search("社区食堂几点开饭");

      assertThat(registry.get("cache.gets").tag("cache", "knowledge-search").tag("result", "hit").functionCounter().count())
          .isEqualTo(1.0);
      assertThat(registry.get("cache.gets").tag("result", "miss").functionCounter().count()).isEqualTo(2.0);
      assertThat(registry.get("cache.size").tag("cache", "knowledge-search").gauge().value()).isEqualTo(2.0);
    }
  }

  @Test
  void theCacheSizeDefaultsTo1024AndCannotBeNegative() {
    assertThat(new KnowledgeProperties(null, false, null, null, null).searchCacheSize()).isEqualTo(1024);
    assertThat(new KnowledgeProperties(null, false, null, null, 0).searchCacheSize()).isZero();
    assertThatThrownBy(() -> new KnowledgeProperties(null, false, null, null, -1))
        .hasMessageContaining("linli.knowledge.search-cache-size");
  }
}
