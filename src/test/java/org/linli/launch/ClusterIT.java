package org.linli.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.linli.cluster.BeekeepingPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two packaged nodes on one PostgreSQL (127.0.0.1:5432, database {@code test}, a schema of its own
 * per run) behave as one service: a conversation moves between them, a message delivered to both
 * makes one turn, staff on one node serve, live, a resident on the other, and a node killed with
 * {@code kill -9} mid-traffic loses nothing it acknowledged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = System.getenv().getOrDefault("LINLI_TEST_PG_USER", "postgres");
  static final String SCHEMA = "linli_cluster_" + UUID.randomUUID().toString().replace("-", "");
  static final String DATA_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String ADMIN_PASSWORD = "cluster-admin-password";

  static final JsonMapper json = JsonMapper.builder().build();
  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  // not the common pool: on a 2-core machine it has one thread, and "at once" would be "in turn"
  static final java.util.concurrent.ExecutorService THREADS =
      java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
  static Path workDir;
  static Node a;
  static Node b;

  record Node(String name, int port, Process process, Path log) {
    String url(String path) {
      return "http://127.0.0.1:" + port + path;
    }
  }

  @BeforeAll
  static void startTwoNodes() throws Exception {
    workDir = Files.createTempDirectory("linli-cluster");
    // created here, not by each node's Flyway, so that the two starting at once do not race for it
    admin(j -> j.sql("create schema " + SCHEMA).update());
    CompletableFuture<Node> first = CompletableFuture.supplyAsync(() -> start("a"), THREADS);
    CompletableFuture<Node> second = CompletableFuture.supplyAsync(() -> start("b"), THREADS);
    a = first.join();
    b = second.join();
    for (Node node : List.of(a, b)) {
      await()
          // two nodes starting at once on a shared 2-core machine took over three minutes
          .atMost(Duration.ofSeconds(360))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> {
            if (!node.process().isAlive()) {
              throw new AssertionError("node " + node.name() + " exited:\n" + Files.readString(node.log()));
            }
            return get(node, "/actuator/health/readiness").contains("\"UP\"");
          });
    }
  }

  private static Node start(String name) {
    try {
      int port = PackagedJar.freePort();
      Path dir = Files.createDirectories(workDir.resolve(name));
      Path log = dir.resolve("server.log");
      Process p =
          PackagedJar.server(
              dir,
              port,
              log,
              Map.of(
                  "SPRING_PROFILES_ACTIVE", "postgres",
                  "LINLI_DB_URL", PG + "?currentSchema=" + SCHEMA,
                  "LINLI_DB_USER", PG_USER,
                  "LINLI_DATA_KEY", DATA_KEY,
                  "LINLI_ADMIN_PASSWORD", ADMIN_PASSWORD),
              List.of(
                  "--spring.flyway.schemas=" + SCHEMA,
                  "--linli.knowledge.watch=false",
                  "--linli.knowledge.sync-interval=PT1S",
                  // this test drives one conversation far faster than a resident types; the
                  // per-conversation rate limit (tested on its own) would refuse it
                  "--linli.rate-limit.enabled=false",
                  // staff answer around the clock, so the replies do not depend on the hour
                  "--linli.handoff.staffed-days=MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY",
                  "--linli.handoff.staffed-from=00:00",
                  "--linli.handoff.staffed-until=23:59:59.999999999"));
      return new Node(name, port, p, log);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopAndDropSchema() throws Exception {
    for (Node node : new Node[] {a, b}) {
      if (node != null && node.process().isAlive()) {
        node.process().destroy();
        if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
          node.process().destroyForcibly();
        }
      }
    }
    admin(j -> j.sql("drop schema if exists " + SCHEMA + " cascade").update());
    if (workDir != null) {
      try (var files = Files.walk(workDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void admin(java.util.function.Consumer<JdbcClient> work) {
    var ds = new SingleConnectionDataSource(PG, PG_USER, "", true);
    try {
      work.accept(JdbcClient.create(ds));
    } finally {
      ds.destroy();
    }
  }

  // --- HTTP helpers ---

  static String get(Node node, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .body();
  }

  static HttpResponse<String> chat(Node node, String conversationId, String messageId, String text)
      throws Exception {
    StringBuilder body = new StringBuilder("{\"text\":\"").append(text).append('"');
    if (conversationId != null) {
      body.append(",\"conversationId\":\"").append(conversationId).append('"');
    }
    if (messageId != null) {
      body.append(",\"messageId\":\"").append(messageId).append('"');
    }
    body.append('}');
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url("/api/chat/messages")))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static JsonNode staffPost(Node node, String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            staff(node, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  static HttpRequest.Builder staff(Node node, String path) {
    return HttpRequest.newBuilder(URI.create(node.url(path)))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  /** The lines of a server-sent event stream, collected in the background until the test ends. */
  static List<String> stream(HttpRequest.Builder request) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpResponse<java.util.stream.Stream<String>> response =
        http.send(request.header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    Thread.ofVirtual().start(() -> {
      try {
        response.body().forEach(lines::add);
      } catch (RuntimeException closed) {
        // the node went away or the test ended
      }
    });
    return lines;
  }

  static List<String> residentTexts(Node node, String conversationId) throws Exception {
    JsonNode history = json.readTree(get(node, "/api/chat/conversations/" + conversationId));
    List<String> texts = new ArrayList<>();
    for (JsonNode m : history.get("messages")) {
      if ("in".equals(m.get("direction").asString())) {
        texts.add(m.get("text").asString());
      }
    }
    return texts;
  }

  // --- behaviour ---

  @Test
  @Order(1)
  void aConversationThatMovesBetweenNodesMessageByMessageStaysOneConversation() throws Exception {
    List<String> questions = List.of("高龄津贴怎么申请", "需要带什么材料", "在哪里办理", "谢谢");
    String conversation = null;
    for (int i = 0; i < questions.size(); i++) {
      Node node = i % 2 == 0 ? a : b;
      HttpResponse<String> r = chat(node, conversation, null, questions.get(i));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      String id = json.readTree(r.body()).get("conversationId").asString();
      if (conversation != null) {
        assertThat(id).isEqualTo(conversation);
      }
      conversation = id;
    }
    assertThat(residentTexts(a, conversation)).containsExactlyElementsOf(questions);
    assertThat(get(b, "/api/chat/conversations/" + conversation))
        .isEqualTo(get(a, "/api/chat/conversations/" + conversation));
  }

  @Test
  @Order(2)
  void theSameMessageDeliveredToBothNodesAtOnceMakesOneTurn() throws Exception {
    String conversation =
        json.readTree(chat(a, null, null, "低保怎么申请").body()).get("conversationId").asString();
    for (int round = 0; round < 5; round++) {
      String messageId = "dup-" + UUID.randomUUID();
      String text = "第" + round + "次：需要什么材料";
      CompletableFuture<HttpResponse<String>> toA =
          CompletableFuture.supplyAsync(() -> quietly(() -> chat(a, conversation, messageId, text)), THREADS);
      CompletableFuture<HttpResponse<String>> toB =
          CompletableFuture.supplyAsync(() -> quietly(() -> chat(b, conversation, messageId, text)), THREADS);
      HttpResponse<String> ra = toA.join();
      HttpResponse<String> rb = toB.join();
      assertThat(ra.statusCode()).as(ra.body()).isEqualTo(200);
      assertThat(rb.statusCode()).as(rb.body()).isEqualTo(200);
      // both deliveries are answered with the one turn's replies
      assertThat(json.readTree(ra.body()).get("replies"))
          .isEqualTo(json.readTree(rb.body()).get("replies"));
      assertThat(residentTexts(b, conversation)).filteredOn(text::equals).hasSize(1);
    }
    // and a first message (no conversation yet) delivered to both opens one conversation
    String messageId = "first-" + UUID.randomUUID();
    CompletableFuture<HttpResponse<String>> toA =
        CompletableFuture.supplyAsync(() -> quietly(() -> chat(a, null, messageId, "廉租房怎么申请")), THREADS);
    CompletableFuture<HttpResponse<String>> toB =
        CompletableFuture.supplyAsync(() -> quietly(() -> chat(b, null, messageId, "廉租房怎么申请")), THREADS);
    String idA = json.readTree(toA.join().body()).get("conversationId").asString();
    String idB = json.readTree(toB.join().body()).get("conversationId").asString();
    assertThat(idA).isEqualTo(idB);
    assertThat(residentTexts(a, idA)).containsExactly("廉租房怎么申请");
  }

  @Test
  @Order(3)
  void staffOnOneNodeSeeAndAnswerLiveAResidentWhoWritesToTheOther() throws Exception {
    List<String> consoleOnB = stream(staff(b, "/api/staff/events"));

    HttpResponse<String> asked = chat(a, null, null, "我要找人工");
    assertThat(asked.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(asked.body());
    String conversation = body.get("conversationId").asString();
    String number = body.get("handoff").get("ticketId").asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> consoleOnB.stream().anyMatch(l -> l.contains(number) && l.contains("opened")));

    List<String> residentOnA =
        stream(HttpRequest.newBuilder(URI.create(a.url("/api/chat/conversations/" + conversation + "/events"))));
    List<String> orderConversationOnB = stream(staff(b, "/api/staff/tickets/" + number + "/events"));

    staffPost(b, "/api/staff/tickets/" + number + "/claim", null);
    staffPost(b, "/api/staff/tickets/" + number + "/messages", "{\"text\":\"您好，我是王师傅，请讲。\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> residentOnA.stream().anyMatch(l -> l.contains("您好，我是王师傅，请讲。")));

    // and what the resident writes next on node A reaches the member of staff on node B live
    assertThat(chat(a, conversation, null, "楼道的灯坏了三天了").statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> orderConversationOnB.stream().anyMatch(l -> l.contains("楼道的灯坏了三天了")));
    assertThat(consoleOnB).anyMatch(l -> l.contains(number) && l.contains("claimed"));
  }

  @Test
  @Order(4)
  void aPolicyDocumentUploadedThroughOneNodeIsAnsweredByTheOtherWithoutARestart() throws Exception {
    String question = "养蜂补贴怎么申请";
    HttpResponse<String> uploaded =
        http.send(
            staff(a, "/api/admin/knowledge/documents/" + BeekeepingPolicy.FILE_NAME)
                .header("Content-Type", "text/markdown; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(BeekeepingPolicy.TEXT, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> {
          JsonNode source = json.readTree(chat(b, null, null, question).body()).at("/replies/0/sources/0/docId");
          return !source.isMissingNode() && source.asString().equals(BeekeepingPolicy.ID);
        });
  }

  @Test
  @Order(5)
  void aStaffLoginOnOneNodeHoldsOnTheOther() throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    try (HttpClient browser =
        HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build()) {
      String login = browser.send(
          HttpRequest.newBuilder(URI.create(a.url("/login"))).build(), HttpResponse.BodyHandlers.ofString()).body();
      java.util.regex.Matcher token =
          java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
      assertThat(token.find()).isTrue();
      HttpResponse<String> in = browser.send(
          HttpRequest.newBuilder(URI.create(a.url("/login")))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "username=admin&password=" + ADMIN_PASSWORD + "&_csrf=" + token.group(1)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(in.uri().getPath()).startsWith("/staff");
      HttpResponse<String> onB = browser.send(
          HttpRequest.newBuilder(URI.create(b.url("/staff"))).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(onB.statusCode()).isEqualTo(200);
      assertThat(onB.uri().getPath()).isEqualTo("/staff");
    }
  }

  @Test
  @Order(9)
  void aNodeKilledMidTrafficLosesNothingItAcknowledged() throws Exception {
    int residents = 4;
    int messagesEach = 40;
    Map<Integer, List<String>> acknowledged = new ConcurrentHashMap<>();
    Map<Integer, String> conversations = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger acks = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < residents; r++) {
      int resident = r;
      threads.add(Thread.ofVirtual().start(() -> {
        for (int n = 0; n < messagesEach; n++) {
          String text = "居民" + resident + "的第" + n + "条消息";
          String messageId = "kill-" + resident + "-" + n;
          HttpResponse<String> answer = null;
          if (!killed.get()) {
            try {
              answer = chat(a, conversations.get(resident), messageId, text);
            } catch (Exception refused) {
              // not acknowledged: the client sends it again, to the surviving node
            }
          }
          if (answer == null || answer.statusCode() != 200) {
            // what a load balancer does when a node is gone; the message id makes it safe
            answer = quietly(() -> chat(b, conversations.get(resident), messageId, text));
          }
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
          conversations.put(resident, json.readTree(answer.body()).get("conversationId").asString());
          acknowledged.computeIfAbsent(resident, k -> new CopyOnWriteArrayList<>()).add(text);
          acks.incrementAndGet();
        }
      }));
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> acks.get() >= residents * 5);
    a.process().destroyForcibly();
    killed.set(true);
    assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (Thread t : threads) {
      assertThat(t.join(Duration.ofSeconds(240))).isTrue();
    }

    assertThat(acks.get()).isEqualTo(residents * messagesEach);
    for (int r = 0; r < residents; r++) {
      // one resident, one conversation, every acknowledged message in it exactly once and in order
      assertThat(residentTexts(b, conversations.get(r))).containsExactlyElementsOf(acknowledged.get(r));
    }
  }

  interface Call<T> {
    T call() throws Exception;
  }

  static <T> T quietly(Call<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
