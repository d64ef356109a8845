package org.linli.live;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.linli.conversation.ConversationMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses how live events travel: through PostgreSQL LISTEN/NOTIFY when the database is
 * PostgreSQL (every node of a cluster then sees every other node's events), through Redis pub/sub
 * when configured ({@code linli.live.transport=redis}), within this node otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveProperties.class)
class LiveConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LiveConfiguration.class);

  @Bean
  LiveEvents liveEvents(
      LiveProperties properties,
      DataSource dataSource,
      Environment environment,
      ConversationMessages messages,
      JsonMapper json,
      ObjectProvider<RedisConnectionFactory> redis) {
    if ("redis".equals(properties.transport())) {
      return new RedisLiveEvents(redis.getObject(), properties.redisChannel(), messages, json);
    }
    boolean postgres =
        switch (properties.transport()) {
          case "postgres" -> true;
          case "memory" -> false;
          default -> isPostgres(dataSource);
        };
    if (!postgres) {
      return new InMemoryLiveEvents();
    }
    return new PostgresLiveEvents(
        dataSource,
        new PostgresLiveEvents.ListenerConnection(
            environment.getRequiredProperty("spring.datasource.url"),
            environment.getProperty("spring.datasource.username", ""),
            environment.getProperty("spring.datasource.password", "")),
        messages,
        json,
        properties.reconnectDelay());
  }

  private static boolean isPostgres(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      log.warn("event=live_transport_unknown error={}", e.toString());
      return false;
    }
  }
}
