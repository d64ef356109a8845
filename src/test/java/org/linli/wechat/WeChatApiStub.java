package org.linli.wechat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for api.weixin.qq.com: hands out access tokens, accepts customer-service,
 * template and menu calls, and records every call so tests can see exactly what was sent.
 */
final class WeChatApiStub implements AutoCloseable {

  /** One recorded call. */
  record Call(String path, String query, String body) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokens = new AtomicInteger();
  /** Path to the JSON the stub answers with (instead of success), e.g. an errcode. */
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  /** Path to the JSON the stub answers with once. */
  private final Map<String, String> failOnce = new ConcurrentHashMap<>();
  /** Temporary media by media id, served at /cgi-bin/media/get as WeChat does (a file). */
  private final Map<String, byte[]> media = new ConcurrentHashMap<>();

  WeChatApiStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    calls.add(new Call(path, query, body));
    String answer;
    if (path.equals("/cgi-bin/token") || path.equals("/cgi-bin/stable_token")) {
      answer =
          "{\"access_token\":\"stub-token-" + tokens.incrementAndGet() + "\",\"expires_in\":7200}";
    } else if (failOnce.containsKey(path)) {
      answer = failOnce.remove(path);
    } else if (failures.containsKey(path)) {
      answer = failures.get(path);
    } else if (path.equals("/cgi-bin/media/get")) {
      String mediaId = parameter(query, "media_id");
      byte[] file = mediaId == null ? null : media.get(mediaId);
      if (file != null) {
        // WeChat answers a file: its type and a Content-Disposition with the file name
        exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
        exchange.getResponseHeaders()
            .add("Content-Disposition", "attachment; filename=\"" + mediaId + ".jpg\"");
        exchange.sendResponseHeaders(200, file.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(file);
        }
        return;
      }
      answer = "{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}";
    } else if (path.equals("/cgi-bin/message/template/send")) {
      answer = "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":200228332}";
    } else {
      answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** WeChat holds this file under {@code mediaId} (a photo a resident sent). */
  void media(String mediaId, byte[] bytes) {
    media.put(mediaId, bytes);
  }

  private static String parameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  List<Call> calls(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  List<Call> customerServiceMessages() {
    return calls("/cgi-bin/message/custom/send");
  }

  int tokensIssued() {
    return tokens.get();
  }

  void failWith(String path, String json) {
    failures.put(path, json);
  }

  void failOnceWith(String path, String json) {
    failOnce.put(path, json);
  }

  void reset() {
    calls.clear();
    failures.clear();
    failOnce.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
