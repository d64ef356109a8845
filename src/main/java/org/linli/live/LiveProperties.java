package org.linli.live;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param transport {@code auto} (PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL, this
 *     node only otherwise), {@code postgres}, {@code redis} (pub/sub on the Redis of {@code
 *     spring.data.redis.*}) or {@code memory}
 * @param reconnectDelay the wait before the listening connection is opened again after it broke
 * @param redisChannel the Redis channel of this deployment ({@code transport=redis}): every node
 *     of one deployment uses the same, different deployments on one Redis different ones
 */
@ConfigurationProperties("linli.live")
public record LiveProperties(String transport, Duration reconnectDelay, String redisChannel) {

  private static final Set<String> TRANSPORTS = Set.of("auto", "postgres", "redis", "memory");

  public LiveProperties {
    transport = transport == null || transport.isBlank() ? "auto" : transport.strip().toLowerCase(Locale.ROOT);
    if (!TRANSPORTS.contains(transport)) {
      throw new IllegalArgumentException(
          "linli.live.transport must be auto, postgres, redis or memory, not " + transport);
    }
    reconnectDelay = reconnectDelay == null ? Duration.ofSeconds(2) : reconnectDelay;
    redisChannel = redisChannel == null || redisChannel.isBlank() ? "linli-live" : redisChannel.strip();
  }
}
