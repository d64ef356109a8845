package org.linli.database;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded H2 database's commits are made durable in groups ({@link H2GroupCommit}), its file
 * is forced to the disk at an interval ({@link H2FileSync}) and made shorter in steps in the
 * background ({@link StepwiseShrink}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  /** An embedded H2 data source: its file opened through StepwiseShrink, its commits grouped. */
  @Bean
  static BeanPostProcessor embeddedH2() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        // before the pool opens its first connection: an embedded file is opened through
        // StepwiseShrink, whatever URL the operator gave (an H2 tool opens it by its plain path)
        if (bean instanceof HikariDataSource hikari) {
          hikari.setJdbcUrl(StepwiseShrink.wrap(hikari.getJdbcUrl()));
        }
        return bean;
      }

      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari
            && hikari.getJdbcUrl() != null
            && hikari.getJdbcUrl().startsWith("jdbc:h2:")) {
          return new H2GroupCommit(hikari);
        }
        return bean;
      }
    };
  }

  /**
   * The embedded H2 database's file forced to the disk every {@code
   * linli.database.file-sync-interval} (0 = never; see {@link H2FileSync}), once the application
   * has opened it. Inactive for any other database.
   */
  @Bean(destroyMethod = "close")
  H2FileSync h2FileSync(
      DataSource dataSource, @Value("${linli.database.file-sync-interval:PT1S}") Duration interval) {
    if (dataSource instanceof H2GroupCommit h2) {
      // the store the application's own connections opened: nothing is opened for this
      return new H2FileSync(h2::store, interval);
    }
    return new H2FileSync(() -> null, Duration.ZERO);
  }

  /**
   * The group commit in Micrometer: {@code linli.database.flushes} (file writes), {@code
   * linli.database.durable.commits} (commits that waited for one) and {@code
   * linli.database.flush.seconds} (time spent writing). Commits per flush is how much the grouping
   * saves; flush seconds per second near 1 means the file writer is the bottleneck. Absent when the
   * database is not an embedded H2 file.
   */
  @Bean
  MeterBinder groupCommitMetrics(ObjectProvider<DataSource> dataSource) {
    return registry -> {
      if (!(dataSource.getIfAvailable() instanceof H2GroupCommit group)) {
        return;
      }
      FunctionCounter.builder("linli.database.flushes", group, H2GroupCommit::flushes)
          .description("embedded database file writes, each making every commit before it durable")
          .register(registry);
      FunctionCounter.builder("linli.database.durable.commits", group, H2GroupCommit::commits)
          .description("commits that waited for a file write")
          .register(registry);
      FunctionCounter.builder("linli.database.flush.seconds", group, H2GroupCommit::flushSeconds)
          .description("time spent writing the embedded database file")
          .register(registry);
    };
  }

  /**
   * The file forces in Micrometer: {@code linli.database.file.syncs} and {@code
   * linli.database.file.sync.seconds}. Absent when nothing is forced.
   */
  @Bean
  MeterBinder fileSyncMetrics(H2FileSync fileSync) {
    return registry -> {
      if (!fileSync.active()) {
        return;
      }
      FunctionCounter.builder("linli.database.file.syncs", fileSync, H2FileSync::syncs)
          .description("times the embedded database file was forced to the disk")
          .register(registry);
      FunctionCounter.builder("linli.database.file.sync.seconds", fileSync, H2FileSync::syncSeconds)
          .description("time spent forcing the embedded database file to the disk")
          .register(registry);
    };
  }
}
