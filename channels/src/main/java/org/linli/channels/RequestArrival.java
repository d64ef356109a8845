package org.linli.channels;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;

/**
 * When a request reached the node, for channels whose sender gives up after a fixed time (WeChat
 * waits 5 seconds for a passive reply): the time a message spent queued before its handler ran
 * counts against that budget. The application's turn queue marks each request as it arrives.
 */
public final class RequestArrival {

  /** Request attribute: {@link System#nanoTime()} when the request arrived. */
  public static final String ATTRIBUTE = RequestArrival.class.getName() + ".nanos";

  private RequestArrival() {}

  /** Marks the request as arriving now, unless it is marked already. */
  public static void mark(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) == null) {
      request.setAttribute(ATTRIBUTE, System.nanoTime());
    }
  }

  /** How long ago the request arrived; zero when nobody marked it. */
  public static Duration waited(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Long arrived
        ? Duration.ofNanos(Math.max(0, System.nanoTime() - arrived))
        : Duration.ZERO;
  }
}
