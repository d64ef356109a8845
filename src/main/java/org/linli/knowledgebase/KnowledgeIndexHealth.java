package org.linli.knowledgebase;

import org.linli.knowledge.KnowledgeBase;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code knowledge}: DOWN when no policy document is loaded (every answer would be "I do not
 * know", so the node should not take traffic); details, for administrators: documents loaded and
 * documents rejected for breaking the format.
 */
@Component("knowledgeHealthIndicator")
@ConditionalOnWebApplication
class KnowledgeIndexHealth implements HealthIndicator {

  private final KnowledgeBase knowledge;

  KnowledgeIndexHealth(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  @Override
  public Health health() {
    int documents = knowledge.documents().size();
    return (documents > 0 ? Health.up() : Health.down())
        .withDetail("documents", documents)
        .withDetail("rejected", knowledge.problems().size())
        .build();
  }
}
