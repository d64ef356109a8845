package org.linli.knowledgebase;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KnowledgeProperties.class)
class KnowledgeBaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeBaseConfiguration.class);
  static final String BUNDLED = "classpath*:linli/kb/*.md";

  @Bean(destroyMethod = "close")
  KnowledgeBase knowledgeBase(
      KnowledgeProperties properties, Clock clock, ObjectProvider<KnowledgeStore> store) {
    if (properties.inDatabase()) {
      return fromDatabase(properties, clock, store.getObject());
    }
    LoadedDocuments loaded = load(properties);
    for (DocumentProblem problem : loaded.problems()) {
      log.warn("event=kb_document_rejected problem=\"{}\"", problem);
    }
    log.info(
        "event=kb_loaded source={} documents={} rejected={}",
        source(properties),
        loaded.documents().size(),
        loaded.problems().size());
    return KnowledgeBase.build(loaded, clock, properties.searchCacheSize());
  }

  /**
   * The search result cache in Micrometer's cache meters: {@code cache.gets} with {@code
   * result=hit|miss} and {@code cache.size}, tagged {@code cache=knowledge-search}.
   */
  @Bean
  MeterBinder knowledgeSearchCacheMetrics(KnowledgeBase knowledgeBase) {
    return registry -> {
      Tags tags = Tags.of("cache", "knowledge-search");
      FunctionCounter.builder("cache.gets", knowledgeBase, kb -> kb.searchCacheStats().hits())
          .tags(tags)
          .tag("result", "hit")
          .description("knowledge-base searches answered from the result cache")
          .register(registry);
      FunctionCounter.builder("cache.gets", knowledgeBase, kb -> kb.searchCacheStats().misses())
          .tags(tags)
          .tag("result", "miss")
          .description("knowledge-base searches computed (not in the result cache)")
          .register(registry);
      Gauge.builder("cache.size", knowledgeBase, kb -> kb.searchCacheStats().size())
          .tags(tags)
          .description("results in the current index generation's search cache")
          .register(registry);
    };
  }

  @Bean
  @ConditionalOnProperty(name = "linli.knowledge.store", havingValue = "database")
  KnowledgeStore knowledgeStore(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    return new KnowledgeStore(jdbc, new TransactionTemplate(transactions), clock);
  }

  /** With the documents in the database: each node rebuilds its index when they change. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "linli.knowledge.store", havingValue = "database")
  KnowledgeSync knowledgeSync(
      KnowledgeBase knowledgeBase, KnowledgeStore store, KnowledgeProperties properties) {
    return new KnowledgeSync(knowledgeBase, store, builtFromVersion).start(properties.syncInterval());
  }

  /** The version the index was first built from (the sync bean starts from it). */
  private volatile long builtFromVersion;

  private KnowledgeBase fromDatabase(KnowledgeProperties properties, Clock clock, KnowledgeStore store) {
    int seeded = store.seedIfEmpty(() -> sources(properties), source(properties));
    if (seeded > 0) {
      log.info("event=kb_seeded source={} documents={}", source(properties), seeded);
    }
    KnowledgeStore.Snapshot snapshot = store.snapshot();
    LoadedDocuments loaded = DocumentLoader.load(snapshot.files());
    for (DocumentProblem problem : loaded.problems()) {
      log.warn("event=kb_document_rejected problem=\"{}\"", problem);
    }
    log.info(
        "event=kb_loaded source=database version={} documents={} rejected={}",
        snapshot.version(),
        loaded.documents().size(),
        loaded.problems().size());
    builtFromVersion = snapshot.version();
    return KnowledgeBase.build(loaded, clock, properties.searchCacheSize());
  }

  /** The raw files of the configured folder or of the bundled demo. */
  static List<SourceText> sources(KnowledgeProperties properties) {
    if (isBlank(properties.dir())) {
      return bundled();
    }
    Path dir = Path.of(properties.dir());
    try (var files = java.nio.file.Files.list(dir)) {
      List<SourceText> texts = new ArrayList<>();
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
        texts.add(new SourceText(f.getFileName().toString(), java.nio.file.Files.readString(f)));
      }
      return texts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the knowledge folder " + dir, e);
    }
  }

  /**
   * Reloads the knowledge base when files in the configured folder change (the bundled demo never
   * changes). A broken document is logged and left out; queries in flight are never failed.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "linli.knowledge.watch", havingValue = "true")
  @ConditionalOnExpression(
      "'${linli.knowledge.dir:}' != '' and '${linli.knowledge.store:files}' != 'database'")
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
