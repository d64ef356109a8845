package org.linli.ratelimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

  @Bean
  BucketRateLimiter rateLimiter(RateLimitProperties properties) {
    return new BucketRateLimiter(properties, new InMemoryBucketStore(properties.maxKeys()));
  }
}
