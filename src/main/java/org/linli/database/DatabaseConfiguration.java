package org.linli.database;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded H2 database's commits are made durable in groups ({@link H2GroupCommit}). */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean
  static BeanPostProcessor h2GroupCommit() {
    return new BeanPostProcessor() {
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
}
