package org.linli.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param transport {@code auto} (PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL, this
 *     node only otherwise), {@code postgres} or {@code memory}
 * @param reconnectDelay the wait before the listening connection is opened again after it broke
 */
@ConfigurationProperties("linli.live")
public record LiveProperties(String transport, Duration reconnectDelay) {

  public LiveProperties {
    transport = transport == null || transport.isBlank() ? "auto" : transport.strip();
    reconnectDelay = reconnectDelay == null ? Duration.ofSeconds(2) : reconnectDelay;
  }
}
