package org.linli.http;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on what a client may send, whatever the endpoint.
 *
 * @param maxBodyBytes the largest request body accepted (bytes); larger bodies are answered 413
 *     before they are read whole
 * @param pathMaxBodyBytes own limits for path prefixes (for example a channel adapter that must
 *     accept larger webhook bodies): {@code linli.http.path-max-body-bytes[/channels/wechat]=131072};
 *     the longest matching prefix wins
 */
@ConfigurationProperties("linli.http")
public record HttpLimitsProperties(long maxBodyBytes, Map<String, Long> pathMaxBodyBytes) {

  public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  public HttpLimitsProperties {
    maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    pathMaxBodyBytes = pathMaxBodyBytes == null ? Map.of() : Map.copyOf(pathMaxBodyBytes);
  }

  /** The limit for a request path (without the context path). */
  long limitFor(String path) {
    String best = null;
    for (String prefix : pathMaxBodyBytes.keySet()) {
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? maxBodyBytes : pathMaxBodyBytes.get(best);
  }
}
