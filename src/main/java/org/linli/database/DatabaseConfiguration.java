package org.linli.database;

import com.zaxxer.hikari.HikariDataSource;
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
}
