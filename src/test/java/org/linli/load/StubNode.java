package org.linli.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A node that answers web chat after a fixed delay and the liveness probe after another, for load
 * runs whose figures must be known; optionally it stalls once, like a node held up by a long pause.
 * Records, per chat message, when it arrived and when the answer was written.
 */
final class StubNode implements AutoCloseable {

  /** Per chat message answered: arrival and answer, {@code System.nanoTime()}. */
  final List<long[]> answered = Collections.synchronizedList(new ArrayList<>());

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;
  private final java.util.concurrent.atomic.AtomicLong firstChat = new java.util.concurrent.atomic.AtomicLong();

  StubNode(Duration chatDelay, Duration livenessDelay) throws IOException {
    this(chatDelay, livenessDelay, Duration.ZERO, Duration.ZERO);
  }

  /**
   * @param stallFrom with {@code stallUntil}: chat messages that arrive between these two times
   *     after the first chat message are answered at {@code stallUntil} (one stall of the node)
   */
  StubNode(Duration chatDelay, Duration livenessDelay, Duration stallFrom, Duration stallUntil) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/api/chat/messages", exchange -> {
      long arrived = System.nanoTime();
      firstChat.compareAndSet(0, arrived);
      exchange.getRequestBody().readAllBytes();
      sleep(chatDelay); // the slow node itself
      long sinceFirst = arrived - firstChat.get();
      if (sinceFirst >= stallFrom.toNanos() && sinceFirst < stallUntil.toNanos()) {
        sleep(Duration.ofNanos(stallUntil.toNanos() - sinceFirst));
      }
      answered.add(new long[] {arrived, System.nanoTime()});
      respond(exchange, "{\"conversationId\":\"c-1\",\"reply\":\"您好\"}");
    });
    server.createContext("/actuator/health/liveness", exchange -> {
      sleep(livenessDelay);
      respond(exchange, "{\"status\":\"UP\"}");
    });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** For a JVM of its own: prints the port, then serves (chat at once, liveness after a second). */
  public static void main(String[] args) throws IOException {
    StubNode node = new StubNode(Duration.ZERO, Duration.ofSeconds(1));
    System.out.println(node.server.getAddress().getPort());
    System.out.flush();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
