package org.linli.handoff;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for tests: JSON calls, Basic auth, and server-sent event streams. */
final class Http {

  final HttpClient client = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();
  final int port;

  Http(int port) {
    this.port = port;
  }

  record Response(int status, String body, JsonNode json) {}

  Response get(String path, String user) throws Exception {
    return send(request(path, user).GET().build());
  }

  Response post(String path, String user, String body) throws Exception {
    return send(request(path, user)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body, StandardCharsets.UTF_8))
        .build());
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + HandoffTestSupport.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  private Response send(HttpRequest request) throws Exception {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode node = null;
    if (r.body() != null && (r.body().startsWith("{") || r.body().startsWith("["))) {
      node = json.readTree(r.body());
    }
    return new Response(r.statusCode(), r.body(), node);
  }

  /**
   * Logs in through the console's login form (with its CSRF token) and returns the page at
   * {@code path} as that member of staff sees it.
   */
  String consolePage(String user, String path) throws Exception {
    try (HttpClient browser = HttpClient.newBuilder()
        .cookieHandler(new java.net.CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build()) {
      String login = browser.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      java.util.regex.Matcher token =
          java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
      if (!token.find()) {
        throw new AssertionError("no CSRF token on the login page");
      }
      String form = "username=" + user + "&password=" + HandoffTestSupport.PASSWORD + "&_csrf=" + token.group(1);
      browser.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> page = browser.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (page.statusCode() != 200) {
        throw new AssertionError(path + " answered " + page.statusCode());
      }
      return page.body();
    }
  }

  /** Opens a server-sent event stream and collects its lines as they arrive. */
  List<String> stream(String path, String user) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpRequest request = request(path, user).header("Accept", "text/event-stream").GET().build();
    HttpResponse<java.util.stream.Stream<String>> response =
        client.send(request, HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new AssertionError("stream " + path + " answered " + response.statusCode());
    }
    Thread.ofVirtual().start(() -> {
      try {
        response.body().forEach(lines::add);
      } catch (RuntimeException closed) {
        // the test ended
      }
    });
    return lines;
  }
}
