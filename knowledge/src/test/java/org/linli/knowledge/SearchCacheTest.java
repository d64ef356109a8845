package org.linli.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Repeated questions are answered from a cache that never changes an answer. */
class SearchCacheTest {

  private static final List<String> QUESTIONS =
      List.of("高龄津贴怎么申请", "低保要啥子材料", "how do I apply for the elderly allowance", "电梯坏了", "今天天气怎么样");

  private static LoadedDocuments demo() {
    return DocumentLoader.loadDirectory(DemoKnowledgeBase.folder());
  }

  private static String policy(String text) {
    return "---\nid: canteen\ntitle: 社区老年食堂\nlang: zh\n---\n## 一句话说明\n" + text + "\n";
  }

  @Test
  void aRepeatedQuestionGetsTheSameAnswerAsWithoutTheCache() {
    try (KnowledgeBase cached = KnowledgeBase.build(demo(), DemoKnowledgeBase.TODAY, 1024);
        KnowledgeBase uncached = KnowledgeBase.build(demo(), DemoKnowledgeBase.TODAY, 0)) {
      for (String q : QUESTIONS) {
        Lang lang = KnowledgeBase.languageOf(q);
        SearchResult first = cached.search(q);
        SearchResult again = cached.search(q);
        assertThat(again).isEqualTo(first).isEqualTo(uncached.search(q));
        assertThat(cached.searchDocuments(q, lang, 10))
            .isEqualTo(cached.searchDocuments(q, lang, 10))
            .isEqualTo(uncached.searchDocuments(q, lang, 10));
        // maxHits is part of the key: a shorter list is not served for a longer one
        assertThat(cached.search(q, lang, 2)).isEqualTo(uncached.search(q, lang, 2));
      }
      assertThat(cached.searchCacheStats().hits()).isEqualTo(2L * QUESTIONS.size());
      assertThat(cached.searchCacheStats().misses()).isEqualTo(3L * QUESTIONS.size());
    }
  }

  @Test
  void aCachedAnswerCarriesTheQuestionAsThisResidentAskedIt() {
    try (KnowledgeBase kb = KnowledgeBase.build(demo(), DemoKnowledgeBase.TODAY, 1024)) {
      SearchResult simplified = kb.search("高龄津贴怎么申请");
      SearchResult traditional = kb.search("高齡津貼怎麼申請");

      assertThat(traditional.question()).isEqualTo("高齡津貼怎麼申請");
      assertThat(traditional.hits()).isEqualTo(simplified.hits());
      assertThatThrownBy(() -> traditional.hits().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void afterAReloadTheNewDocumentsAnswerNotTheCachedOnes() {
    LoadedDocuments v1 = DocumentLoader.load(List.of(new SourceText("a.md", policy("老人可以到社区食堂吃饭，每餐补贴3元。"))));
    LoadedDocuments v2 = DocumentLoader.load(List.of(new SourceText("a.md", policy("老人可以到社区食堂吃饭，每餐补贴5元。"))));
    try (KnowledgeBase kb = KnowledgeBase.build(v1, DemoKnowledgeBase.TODAY, 1024)) {
      assertThat(kb.search("老年食堂吃饭补贴多少").best().orElseThrow().text()).contains("3元");
      assertThat(kb.search("老年食堂吃饭补贴多少").best().orElseThrow().text()).contains("3元");

      kb.replace(v2);

      assertThat(kb.search("老年食堂吃饭补贴多少").best().orElseThrow().text()).contains("5元");
      assertThat(kb.searchCacheStats().hits()).isEqualTo(1);
      assertThat(kb.searchCacheStats().size()).isEqualTo(1);
    }
  }

  @Test
  void sizeZeroTurnsTheCacheOff() {
    try (KnowledgeBase kb = KnowledgeBase.build(demo(), DemoKnowledgeBase.TODAY, 0)) {
      SearchResult first = kb.search("高龄津贴怎么申请");
      assertThat(kb.search("高龄津贴怎么申请")).isEqualTo(first);
      assertThat(kb.searchCacheStats()).isEqualTo(new SearchCacheStats(0, 0, 0, 0));
    }
  }

  @Test
  void theCacheKeepsAtMostItsSize() {
    try (KnowledgeBase kb = KnowledgeBase.build(demo(), DemoKnowledgeBase.TODAY, 2)) {
      QUESTIONS.forEach(kb::search);
      assertThat(kb.searchCacheStats().size()).isEqualTo(2);
      kb.search(QUESTIONS.getLast()); // the most recent stays
      assertThat(kb.searchCacheStats().hits()).isEqualTo(1);
    }
  }
}
