package org.linli.knowledgebase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.DocumentProblem;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.KnowledgeFolderWatcher;
import org.linli.knowledge.LoadedDocuments;
import org.linli.knowledge.SourceText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KnowledgeProperties.class)
class KnowledgeBaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeBaseConfiguration.class);
  static final String BUNDLED = "classpath*:linli/kb/*.md";

  @Bean(destroyMethod = "close")
  KnowledgeBase knowledgeBase(KnowledgeProperties properties, Clock clock) {
    LoadedDocuments loaded = load(properties);
    for (DocumentProblem problem : loaded.problems()) {
      log.warn("event=kb_document_rejected problem=\"{}\"", problem);
    }
    log.info(
        "event=kb_loaded source={} documents={} rejected={}",
        source(properties),
        loaded.documents().size(),
        loaded.problems().size());
    return KnowledgeBase.build(loaded, clock);
  }

  /**
   * Reloads the knowledge base when files in the configured folder change (the bundled demo never
   * changes). A broken document is logged and left out; queries in flight are never failed.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "linli.knowledge.watch", havingValue = "true")
  @ConditionalOnExpression("'${linli.knowledge.dir:}' != ''")
  KnowledgeFolderWatcher knowledgeFolderWatcher(KnowledgeBase knowledgeBase, KnowledgeProperties properties) {
    KnowledgeFolderWatcher watcher =
        new KnowledgeFolderWatcher(
            knowledgeBase,
            Path.of(properties.dir()),
            reload -> {
              reload.problems().forEach(p -> log.warn("event=kb_document_rejected problem=\"{}\"", p));
              log.info(
                  "event=kb_reloaded documents={} rejected={}",
                  reload.documents(),
                  reload.problems().size());
            });
    watcher.start(Duration.ofSeconds(2));
    return watcher;
  }

  static String source(KnowledgeProperties properties) {
    return isBlank(properties.dir()) ? "bundled-demo" : properties.dir();
  }

  static LoadedDocuments load(KnowledgeProperties properties) {
    if (!isBlank(properties.dir())) {
      return DocumentLoader.loadDirectory(Path.of(properties.dir()));
    }
    return DocumentLoader.load(bundled());
  }

  /** The demo documents shipped inside the application jar. */
  static List<SourceText> bundled() {
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources(BUNDLED);
      List<SourceText> files = new ArrayList<>();
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          files.add(
              new SourceText(
                  resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
      files.sort(Comparator.comparing(SourceText::fileName));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled knowledge base", e);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
