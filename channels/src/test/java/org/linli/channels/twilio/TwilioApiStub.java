package org.linli.channels.twilio;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Twilio's REST API (com.sun.net.httpserver): records every Messages call
 * and answers 201 with a message resource, or the statuses queued with {@link #failNext}.
 */
public final class TwilioApiStub implements AutoCloseable {

  /** One recorded REST call. */
  public record Call(String path, String authorization, Map<String, String> form) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final AtomicInteger sids = new AtomicInteger();

  public TwilioApiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/2010-04-01/",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          calls.add(
              new Call(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  parse(body)));
          Integer failure;
          synchronized (failures) {
            failure = failures.poll();
          }
          int status = failure == null ? 201 : failure;
          String json =
              status == 201
                  ? "{\"sid\":\"SM" + String.format("%032d", sids.incrementAndGet())
                      + "\",\"status\":\"queued\",\"body\":\"\",\"num_segments\":\"1\"}"
                  : "{\"code\":" + (status == 400 ? 21211 : 20500) + ",\"message\":\"stub failure\",\"status\":" + status + "}";
          byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next request is answered with this HTTP status instead of 201. */
  public void failNext(int status) {
    synchronized (failures) {
      failures.add(status);
    }
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public void reset() {
    calls.clear();
    synchronized (failures) {
      failures.clear();
    }
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
