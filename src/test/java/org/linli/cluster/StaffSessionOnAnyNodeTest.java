package org.linli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Staff consoles need no sticky sessions: a member of staff who logs in through one node keeps
 * working through the other (the session is in the shared database), and a logout on one node ends
 * the session on both.
 */
class StaffSessionOnAnyNodeTest {

  static TwoNodes nodes;

  @BeforeAll
  static void start() {
    nodes = new TwoNodes();
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
  }

  private static String csrf(HttpClient browser, ConfigurableApplicationContext node, String path) throws Exception {
    String page =
        browser.send(HttpRequest.newBuilder(TwoNodes.url(node, path)).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher token = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("a CSRF token on " + path).isTrue();
    return token.group(1);
  }

  private static HttpResponse<String> page(HttpClient browser, ConfigurableApplicationContext node, String path)
      throws Exception {
    return browser.send(
        HttpRequest.newBuilder(TwoNodes.url(node, path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aLoginThroughOneNodeWorksOnTheOtherAndALogoutEndsItOnBoth() throws Exception {
    CookieManager cookies = new CookieManager();
    try (HttpClient browser = TwoNodes.browser(cookies)) {
      String token = csrf(browser, nodes.a, "/login");
      HttpResponse<String> loggedIn =
          browser.send(
              HttpRequest.newBuilder(TwoNodes.url(nodes.a, "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(
                      "username=admin&password=" + TwoNodes.ADMIN_PASSWORD + "&_csrf=" + token))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(loggedIn.uri().getPath()).startsWith("/staff");

      // the load balancer sends the next click to the other node: still logged in, no login page
      HttpResponse<String> onB = page(browser, nodes.b, "/staff");
      assertThat(onB.statusCode()).isEqualTo(200);
      assertThat(onB.uri().getPath()).isEqualTo("/staff");
      assertThat(onB.body()).doesNotContain("name=\"password\"");

      // a form on node B accepts the token of the session made on node A: log out there
      String logoutToken = csrf(browser, nodes.b, "/staff");
      browser.send(
          HttpRequest.newBuilder(TwoNodes.url(nodes.b, "/logout"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + logoutToken))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      // and node A no longer knows the session either
      HttpResponse<String> afterLogout = page(browser, nodes.a, "/staff");
      assertThat(afterLogout.uri().getPath()).isEqualTo("/login");
    }
  }
}
