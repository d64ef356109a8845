package org.linli.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.LoadedDocuments;
import org.springframework.boot.health.contributor.Status;

/** A node with an empty knowledge base says so: every answer would be "I do not know". */
class KnowledgeIndexHealthTest {

  @Test
  void anEmptyKnowledgeBaseIsDown() {
    try (KnowledgeBase empty = KnowledgeBase.build(new LoadedDocuments(List.of(), List.of()), Clock.systemUTC())) {
      var health = new KnowledgeIndexHealth(empty).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("documents", 0);
    }
  }
}
