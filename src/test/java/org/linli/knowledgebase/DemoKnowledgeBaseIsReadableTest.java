package org.linli.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linli.accessibility.Lang;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.LoadedDocuments;

/** The demo knowledge base that ships with Linli is a good example: kb lint finds nothing in it. */
class DemoKnowledgeBaseIsReadableTest {

  @Test
  void everyBundledPolicyPassesTheReadabilityAndFormatChecks() {
    LoadedDocuments demo = DocumentLoader.load(KnowledgeBaseConfiguration.bundled());

    assertThat(demo.documents()).hasSizeGreaterThanOrEqualTo(60);
    assertThat(KnowledgeLint.lint(demo, Lang.EN)).isEmpty();
  }
}
