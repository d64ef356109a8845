package org.linli.ratelimit;

import java.time.Clock;
import javax.sql.DataSource;
import org.linli.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

  @Bean
  BucketRateLimiter rateLimiter(
      RateLimitProperties properties,
      ObjectProvider<JdbcBucketStore> shared,
      ObjectProvider<PersonalData> personalData) {
    BucketStore store =
        properties.store() == RateLimitProperties.Store.DATABASE
            ? shared.getObject()
            : new InMemoryBucketStore(properties.maxKeys());
    log.info("event=rate_limit_store store={}", properties.store().name().toLowerCase());
    // resolved on first use: one-shot commands create the limiter but never limit anything
    return new BucketRateLimiter(
        properties, store, subject -> personalData.getObject().lookupKey("rate-limit", subject));
  }

  @Bean
  @ConditionalOnProperty(name = "linli.rate-limit.store", havingValue = "database")
  JdbcBucketStore jdbcBucketStore(DataSource dataSource, Clock clock) {
    return new JdbcBucketStore(dataSource, clock);
  }

  /** Server only, like the other schedules: one-shot commands must not touch the database. */
  @Bean
  @ConditionalOnWebApplication
  @ConditionalOnProperty(name = "linli.rate-limit.store", havingValue = "database")
  IdleBucketPurge idleBucketPurge(JdbcBucketStore store, RateLimitProperties properties) {
    return new IdleBucketPurge(store, properties);
  }

  /**
   * Deletes shared buckets idle longer than the longest refill period (they would be full again).
   * Deleting is idempotent, so every node may run it without a lease.
   */
  static final class IdleBucketPurge {
    private final JdbcBucketStore store;
    private final RateLimitProperties properties;

    IdleBucketPurge(JdbcBucketStore store, RateLimitProperties properties) {
      this.store = store;
      this.properties = properties;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
      try {
        int deleted = store.purgeIdle(properties.longestPeriod());
        log.info("event=rate_limit_buckets_purged count={}", deleted);
      } catch (RuntimeException e) {
        log.warn("event=rate_limit_purge_failed error={}", e.toString());
      }
    }
  }
}
