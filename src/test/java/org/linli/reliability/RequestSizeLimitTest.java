package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Bodies over linli.http.max-body-bytes (8 KB here) are refused with 413 and a problem detail on
 * every endpoint, whether the client declares the length or streams the body in chunks, and
 * nothing is stored; smaller chunked bodies still work.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"linli.http.max-body-bytes=8192",
        "linli.http.path-max-body-bytes[/api/chat/conversations]=100"})
@ActiveProfiles("test")
class RequestSizeLimitTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> post(String path, String contentType, byte[] body, boolean chunked)
      throws Exception {
    HttpRequest.BodyPublisher publisher =
        chunked
            // no length known in advance: the client sends Transfer-Encoding: chunked
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
            : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", contentType)
            .POST(publisher)
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static byte[] chatMessage(int textChars) {
    return ("{\"text\":\"" + "a".repeat(textChars) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private int messages() {
    return jdbc.sql("select count(*) from message").query(Integer.class).single();
  }

  @Test
  void aDeclaredOversizedBodyIsRefusedWith413BeforeItIsRead() throws Exception {
    int before = messages();
    HttpResponse<String> response = post("/api/chat/messages", "application/json", chatMessage(9000), false);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"code\":\"error.body.tooLarge\"").contains("8 KB");
    assertThat(messages()).isEqualTo(before);
  }

  @Test
  void aChunkedOversizedBodyIsCountedAndRefusedWith413() throws Exception {
    int before = messages();
    HttpResponse<String> response = post("/api/chat/messages", "application/json", chatMessage(9000), true);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("error.body.tooLarge");
    assertThat(messages()).isEqualTo(before);
  }

  @Test
  void aChunkedBodyUnderTheLimitIsHandledNormally() throws Exception {
    int before = messages();
    HttpResponse<String> response =
        post("/api/chat/messages", "application/json",
            "{\"text\":\"高龄津贴怎么申请\"}".getBytes(StandardCharsets.UTF_8), true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("elderly-allowance");
    assertThat(messages()).isEqualTo(before + 2);
  }

  @Test
  void theLimitHoldsOnTheStaffApiTheLoginFormAndTheActuatorToo() throws Exception {
    byte[] big = chatMessage(9000);
    assertThat(post("/api/staff/tickets/000001/notes", "application/json", big, false).statusCode()).isEqualTo(413);
    assertThat(post("/api/staff/tickets/000001/notes", "application/json", big, true).statusCode()).isEqualTo(413);
    byte[] form = ("username=admin&password=" + "x".repeat(9000)).getBytes(StandardCharsets.UTF_8);
    assertThat(post("/login", "application/x-www-form-urlencoded", form, false).statusCode()).isEqualTo(413);
    assertThat(post("/actuator/health", "application/json", big, false).statusCode()).isEqualTo(413);
  }

  @Test
  void aPathCanHaveItsOwnLimit() throws Exception {
    byte[] small = chatMessage(200);
    assertThat(post("/api/chat/messages", "application/json", small, false).statusCode()).isEqualTo(200);
    assertThat(post("/api/chat/conversations/x", "application/json", small, false).statusCode()).isEqualTo(413);
  }
}
