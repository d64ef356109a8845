package org.linli.cluster;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.linli.LinliApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application nodes in this JVM, each with its own web server, Lucene index and caches, on one
 * shared database (an in-memory H2 both open by name): what several nodes behind a load balancer
 * share, without packaging the jar.
 */
final class TwoNodes implements AutoCloseable {

  static final String ADMIN_PASSWORD = "admin-test-password";

  final ConfigurableApplicationContext a;
  final ConfigurableApplicationContext b;
  final HttpClient http = HttpClient.newHttpClient();

  TwoNodes(String... extraProperties) {
    String db = "jdbc:h2:mem:linli-two-nodes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    a = start(db, extraProperties);
    b = start(db, extraProperties);
  }

  private static ConfigurableApplicationContext start(String db, String... extra) {
    // as arguments: they must win over application.properties (server.port=${PORT:8080})
    List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db, "--server.port=0"));
    for (String p : extra) {
      args.add("--" + p);
    }
    return new SpringApplicationBuilder(LinliApplication.class)
        .profiles("test")
        .run(args.toArray(String[]::new));
  }

  static int port(ConfigurableApplicationContext node) {
    return ((WebServerApplicationContext) node).getWebServer().getPort();
  }

  static URI url(ConfigurableApplicationContext node, String path) {
    return URI.create("http://127.0.0.1:" + port(node) + path);
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static HttpRequest.Builder admin(ConfigurableApplicationContext node, String path) {
    return HttpRequest.newBuilder(url(node, path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  HttpResponse<String> chat(ConfigurableApplicationContext node, String text) throws Exception {
    return send(
        HttpRequest.newBuilder(url(node, "/api/chat/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}", StandardCharsets.UTF_8))
            .build());
  }

  /** A browser: keeps its cookies, follows redirects. */
  static HttpClient browser(CookieManager cookies) {
    return HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  @Override
  public void close() {
    b.close();
    a.close();
  }
}
