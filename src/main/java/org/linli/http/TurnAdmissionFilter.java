package org.linli.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.linli.channels.RequestArrival;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most a fixed number of conversation turns run at once and queues the others in order of
 * arrival.
 *
 * <p>A turn is CPU work plus a few statements on one pooled connection. Without a limit, a peak of
 * hundreds of residents all start at once and queue for the connection pool, which hands a freed
 * connection to whichever thread asks next rather than to the one that has waited longest: most
 * turns are quick but an unlucky few wait many seconds. Waiting here instead, first come first
 * served, keeps every resident's wait close to the queue's length times the time of one turn, and
 * leaves connections free for staff and background work.
 */
final class TurnAdmissionFilter extends OncePerRequestFilter {

  private final Semaphore running;
  private final int limit;

  /** @param limit turns that may run at once (at least 1) */
  TurnAdmissionFilter(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("linli.http.concurrent-turns must be at least 1 (or 0 for no limit), was " + limit);
    }
    this.limit = limit;
    this.running = new Semaphore(limit, true);
  }

  /** Turns waiting to start, for the queue gauge. */
  int waiting() {
    return running.getQueueLength();
  }

  /** Turns running now. */
  int running() {
    return limit - running.availablePermits();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // channels whose sender stops waiting after a while (WeChat) count the wait here against it
    RequestArrival.mark(request);
    try {
      running.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      running.release();
    }
  }
}
