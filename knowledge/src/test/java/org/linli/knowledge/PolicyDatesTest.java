package org.linli.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A resident is never answered from an expired policy, and is told when one is not in force yet. */
class PolicyDatesTest {

  private static SourceText policy(String id, String dates) {
    return new SourceText(
        id + ".md",
        "---\nid: " + id + "\ntitle: 冬季取暖补贴\n" + dates + "lang: zh\n---\n"
            + "## 一句话说明\n困难家庭冬季可以申请取暖补贴，每户每年500元。\n");
  }

  private static Clock on(int year, int month, int day) {
    return Clock.fixed(LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  @Test
  void expiredDocumentIsNeverReturned() {
    LoadedDocuments docs =
        DocumentLoader.load(
            List.of(policy("heating-2024", "expires: 2025-03-31\n"), policy("heating-2026", "")));
    try (KnowledgeBase kb = KnowledgeBase.build(docs, on(2026, 11, 23))) {
      SearchResult r = kb.search("取暖补贴怎么申请");

      assertThat(r.hits()).isNotEmpty().extracting(PassageHit::docId).doesNotContain("heating-2024");
      assertThat(kb.document("heating-2024")).isPresent(); // still listed for the knowledge manager
    }
  }

  @Test
  void documentExpiringWhileRunningDisappearsFromResults() {
    LoadedDocuments docs = DocumentLoader.load(List.of(policy("heating-2024", "expires: 2026-12-31\n")));
    MutableClock clock = new MutableClock(on(2026, 12, 31));
    try (KnowledgeBase kb = KnowledgeBase.build(docs, clock)) {
      assertThat(kb.search("取暖补贴").hits()).isNotEmpty();

      clock.set(on(2027, 1, 1));

      assertThat(kb.search("取暖补贴").hits()).isEmpty();
    }
  }

  @Test
  void notYetEffectiveDocumentIsReturnedWithANote() {
    LoadedDocuments docs = DocumentLoader.load(List.of(policy("heating-2027", "effective: 2027-01-01\n")));
    try (KnowledgeBase kb = KnowledgeBase.build(docs, on(2026, 11, 23))) {
      PassageHit hit = kb.search("取暖补贴").best().orElseThrow();

      assertThat(hit.notYetEffective()).isTrue();
      assertThat(hit.effective()).isEqualTo(LocalDate.of(2027, 1, 1));
    }
    try (KnowledgeBase kb = KnowledgeBase.build(docs, on(2027, 1, 1))) {
      assertThat(kb.search("取暖补贴").best().orElseThrow().notYetEffective()).isFalse();
    }
  }

  /** A clock a test can move forward. */
  static final class MutableClock extends Clock {
    private volatile Clock delegate;

    MutableClock(Clock start) {
      delegate = start;
    }

    void set(Clock c) {
      delegate = c;
    }

    @Override
    public java.time.ZoneId getZone() {
      return delegate.getZone();
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return delegate.withZone(zone);
    }

    @Override
    public java.time.Instant instant() {
      return delegate.instant();
    }
  }
}
