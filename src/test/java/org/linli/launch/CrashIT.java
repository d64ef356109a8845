package org.linli.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.channels.twilio.TwilioApiStub;
import org.linli.channels.twilio.TwilioSimulator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service on a file database, with traffic on every channel at once (signed Twilio
 * SMS webhooks, signed WeChat messages, web chat turns; some residents ask for a person and staff
 * answer them through the staff API), is killed with SIGKILL ({@code destroyForcibly}) in the
 * middle and started again on the same files. Then: every message that was acknowledged (HTTP 200)
 * is stored exactly once, including the ones the channels send again after the crash (same
 * MessageSid, MsgId, message id); every staff reply reaches the Twilio or WeChat stub, and no
 * idempotency key is seen with two different messages; no resident has two work orders for one
 * request; and every conversation still answers and holds its messages once each, in order.
 */
class CrashIT {

  static final String DATA_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String ADMIN_PASSWORD = "crash-admin-password";
  static final String TWILIO_TOKEN = "crash-twilio-token-0123456789abcd";
  static final String WECHAT_TOKEN = "crashToken";
  static final JsonMapper json = JsonMapper.builder().build();
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Path workDir;
  int port;
  Process server;
  TwilioApiStub twilioApi;
  WeChatApi wechatApi;

  /** A local stand-in for api.weixin.qq.com that records customer-service messages. */
  static final class WeChatApi implements AutoCloseable {
    final HttpServer server;
    final List<String> customerService = new CopyOnWriteArrayList<>();

    WeChatApi() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", exchange -> {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String answer = path.endsWith("token")
            ? "{\"access_token\":\"crash-token\",\"expires_in\":7200}"
            : "{\"errcode\":0,\"errmsg\":\"ok\"}";
        if (path.equals("/cgi-bin/message/custom/send")) {
          customerService.add(body);
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      });
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (twilioApi != null) {
      twilioApi.close();
    }
    if (wechatApi != null) {
      wechatApi.close();
    }
    if (workDir != null) {
      // the servers' logs stay for a look after a failure
      Path logs = Files.createDirectories(Path.of("target", "crash-it-logs"));
      try (var files = Files.list(workDir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
          Files.copy(f, logs.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try (var files = Files.walk(workDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void start(String name) throws Exception {
    Path log = workDir.resolve(name + ".log");
    server = PackagedJar.server(
        workDir, port, log,
        Map.of(
            "LINLI_DATA_KEY", DATA_KEY,
            "LINLI_ADMIN_PASSWORD", ADMIN_PASSWORD,
            "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000001",
            "TWILIO_AUTH_TOKEN", TWILIO_TOKEN,
            "TWILIO_FROM_NUMBER", "+861012345",
            "LINLI_PUBLIC_BASE_URL", "http://127.0.0.1:" + port,
            "WECHAT_TOKEN", WECHAT_TOKEN,
            "WECHAT_APP_ID", "wx0123456789abcdef",
            "WECHAT_SECRET", "crash-secret"),
        List.of(
            "--linli.twilio.api-base-url=" + twilioApi.baseUrl(),
            "--linli.wechat.api-host=" + wechatApi.baseUrl(),
            "--linli.knowledge.watch=false",
            // residents here type far faster than people do
            "--linli.rate-limit.enabled=false",
            "--linli.outbox.interval=PT0.5S",
            "--linli.outbox.first-retry=PT1S",
            // a message claimed by the killed process is sent again soon after the restart
            "--linli.outbox.stuck-after=PT3S",
            "--linli.handoff.staffed-days=MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY",
            "--linli.handoff.staffed-from=00:00",
            "--linli.handoff.staffed-until=23:59:59.999999999"));
    Process p = server;
    // generous: on a loaded build machine the service can take minutes to start
    await().atMost(Duration.ofSeconds(420)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> {
          if (!p.isAlive()) {
            throw new AssertionError("the service exited:\n" + Files.readString(log));
          }
          return get("/actuator/health/readiness").contains("\"UP\"");
        });
  }

  // --- the channels, as their platforms and clients call them ---

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  String get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
  }

  /** 200 and the body, or null when the service did not acknowledge (down, or an error). */
  String sms(String from, String text, String sid) {
    try {
      TwilioSimulator twilio = new TwilioSimulator(url(""), null, TWILIO_TOKEN, "+861012345");
      TwilioSimulator.Raw r = twilio.postSigned("/channels/twilio/sms",
          Map.of("MessageSid", sid, "From", from, "To", "+861012345", "Body", text,
              "AccountSid", "AC00000000000000000000000000000001"));
      return r.status() == 200 ? r.body() : null;
    } catch (RuntimeException down) {
      return null;
    }
  }

  String wechat(String openId, String text, long msgId) {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String nonce = "n" + System.nanoTime();
    String xml = "<xml><ToUserName><![CDATA[gh_crash]]></ToUserName><FromUserName><![CDATA[" + openId
        + "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(url("/channels/wechat?signature="
                  + SHA1.gen(WECHAT_TOKEN, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce)))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", "text/xml")
              .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception down) {
      return null;
    }
  }

  JsonNode chat(String conversationId, String messageId, String text) {
    String body = "{\"text\":\"" + text + "\",\"messageId\":\"" + messageId + "\""
        + (conversationId == null ? "" : ",\"conversationId\":\"" + conversationId + "\"") + "}";
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(url("/api/chat/messages"))).timeout(Duration.ofSeconds(20))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return r.statusCode() == 200 ? json.readTree(r.body()) : null;
    } catch (Exception down) {
      return null;
    }
  }

  HttpResponse<String> staff(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
            .header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  // --- what a resident sent, and whether it was acknowledged ---

  /** One message: its channel, external id, and whether the service said 200 to it. */
  record Sent(String channel, String externalId, String resident, String text) {}

  final List<Sent> acknowledged = new CopyOnWriteArrayList<>();
  final Map<String, String> replied = new ConcurrentHashMap<>();
  final AtomicLong msgIds = new AtomicLong(7_000_000_000L);

  /** The residents' script: questions, one of them asking for a person. */
  static final List<String> SCRIPT = List.of("高龄津贴怎么申请", "需要带什么材料", "人工", "楼道的灯坏了三天了", "谢谢");

  /** Sends one message until it is acknowledged, the same id every time, as a channel retries. */
  void deliver(String channel, String resident, String text, String externalId, Map<String, String> conversations) {
    await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(300)).until(() -> {
      switch (channel) {
        case "sms" -> {
          if (sms(resident, text, externalId) == null) {
            return false;
          }
        }
        case "wechat" -> {
          if (wechat(resident, text.equals("人工") ? "我要找人工" : text, Long.parseLong(externalId)) == null) {
            return false;
          }
        }
        default -> {
          JsonNode r = chat(conversations.get(resident), externalId, text.equals("人工") ? "我要找人工" : text);
          if (r == null) {
            return false;
          }
          conversations.put(resident, r.get("conversationId").asString());
        }
      }
      acknowledged.add(new Sent(channel, externalId, resident, text));
      return true;
    });
  }

  /** Staff claim and answer every open order, once each, until told to stop. */
  void staffAnswer(Set<String> answered) {
    try {
      HttpResponse<String> r = staff("GET", "/api/staff/tickets?status=new", null);
      if (r.statusCode() != 200) {
        return;
      }
      for (JsonNode t : json.readTree(r.body())) {
        String number = t.get("number").asString();
        if (answered.contains(number)) {
          continue;
        }
        staff("POST", "/api/staff/tickets/" + number + "/claim", null);
        String text = "工作人员回复" + number;
        HttpResponse<String> reply = staff("POST", "/api/staff/tickets/" + number + "/messages",
            "{\"text\":\"" + text + "\"}");
        if (reply.statusCode() == 200) {
          answered.add(number);
          replied.put(number, t.get("channel").asString());
        }
      }
    } catch (Exception down) {
      // the service is being killed or restarted: try again later
    }
  }

  @Test
  void aServiceKilledMidTrafficLosesNothingItAcknowledgedAndDoesNothingTwice() throws Exception {
    workDir = Files.createTempDirectory("linli-crash");
    port = PackagedJar.freePort();
    twilioApi = new TwilioApiStub();
    wechatApi = new WeChatApi();
    start("first");

    Map<String, String> webConversations = new ConcurrentHashMap<>();
    List<Thread> residents = new ArrayList<>();
    AtomicInteger sentCount = new AtomicInteger();
    for (int r = 0; r < 4; r++) {
      String phone = "+86139000088" + String.format("%02d", r);
      String openId = "oCrash" + "0".repeat(20) + String.format("%02d", r);
      String web = "web-" + r;
      for (String[] who : new String[][] {{"sms", phone}, {"wechat", openId}, {"web", web}}) {
        residents.add(Thread.ofVirtual().start(() -> {
          for (int n = 0; n < SCRIPT.size(); n++) {
            String id = switch (who[0]) {
              case "sms" -> "SM" + String.format("%032x", msgIds.incrementAndGet());
              case "wechat" -> String.valueOf(msgIds.incrementAndGet());
              default -> "crash-" + who[1] + "-" + n;
            };
            deliver(who[0], who[1], SCRIPT.get(n), id, webConversations);
            sentCount.incrementAndGet();
          }
        }));
      }
    }
    Set<String> answered = ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicBoolean deskOpen = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread staffDesk = Thread.ofVirtual().start(() -> {
      while (deskOpen.get()) {
        staffAnswer(answered);
        try {
          Thread.sleep(300); // a polling interval of the staff desk, not a wait for a condition
        } catch (InterruptedException stop) {
          return;
        }
      }
    });

    // kill -9 once a third of the traffic is acknowledged and staff have answered someone
    await().atMost(Duration.ofSeconds(300))
        .until(() -> sentCount.get() >= 20 && !answered.isEmpty());
    server.destroyForcibly();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int acknowledgedBeforeCrash = acknowledged.size();
    start("second");

    for (Thread t : residents) {
      assertThat(t.join(Duration.ofSeconds(600))).isTrue();
    }
    assertThat(sentCount.get()).isEqualTo(12 * SCRIPT.size());
    assertThat(acknowledgedBeforeCrash).isLessThan(12 * SCRIPT.size());

    // the channels retry messages that were already acknowledged: still one turn each
    for (Sent s : acknowledged.subList(0, Math.min(10, acknowledged.size()))) {
      String again = switch (s.channel()) {
        case "sms" -> sms(s.resident(), s.text(), s.externalId());
        case "wechat" -> wechat(s.resident(), s.text().equals("人工") ? "我要找人工" : s.text(),
            Long.parseLong(s.externalId()));
        default -> "web";
      };
      assertThat(again).isNotNull();
    }

    // every order is answered by staff, and the outbox delivers the replies to SMS and WeChat;
    // one staff desk from here on (two at once would both answer the same new order)
    deskOpen.set(false);
    staffDesk.interrupt();
    assertThat(staffDesk.join(Duration.ofSeconds(60))).isTrue();
    await().atMost(Duration.ofSeconds(180)).until(() -> {
      staffAnswer(answered);
      HttpResponse<String> open = staff("GET", "/api/staff/tickets?status=new", null);
      return open.statusCode() == 200 && json.readTree(open.body()).isEmpty();
    });
    Map<String, String> expectedSms = new HashMap<>();
    Map<String, String> expectedWeChat = new HashMap<>();
    replied.forEach((number, channel) -> {
      if (channel.equals("sms")) {
        expectedSms.put(number, "工作人员回复" + number);
      } else if (channel.equals("wechat")) {
        expectedWeChat.put(number, "工作人员回复" + number);
      }
    });
    assertThat(expectedSms).isNotEmpty();
    assertThat(expectedWeChat).isNotEmpty();
    await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
      for (String text : expectedSms.values()) {
        assertThat(twilioApi.calls()).anyMatch(c -> text.equals(c.form().get("Body")));
      }
      for (String text : expectedWeChat.values()) {
        assertThat(wechatApi.customerService).anyMatch(b -> b.contains(text));
      }
    });

    // and the outbox drains: nothing pending or claimed is left behind
    await().atMost(Duration.ofSeconds(180)).until(() ->
        staff("GET", "/actuator/prometheus", null).body().lines()
            .anyMatch(l -> l.matches("linli_outbox_backlog(\\{.*})? 0(\\.0)?")));

    // stop the service cleanly and read its database
    server.destroy();
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    var ds = new SingleConnectionDataSource(
        "jdbc:h2:file:" + workDir.resolve("data").resolve("linli").toAbsolutePath(), "sa", "", true);
    try {
      JdbcClient db = JdbcClient.create(ds);

      // every acknowledged inbound message is stored exactly once
      for (Sent s : acknowledged) {
        String channel = s.channel().equals("web") ? "web" : s.channel();
        assertThat(db.sql("select count(*) from message where direction = 'in' and channel = ? and external_id like ?")
                .params(channel, "%" + s.externalId()).query(Integer.class).single())
            .as("%s message %s", s.channel(), s.externalId())
            .isEqualTo(1);
      }
      // and each resident is one conversation, with every message once and in order
      Map<String, List<String>> conversationsOf = new HashMap<>();
      for (Sent s : acknowledged) {
        String conversation = db.sql("select conversation_id from message where direction = 'in' and external_id like ?")
            .param("%" + s.externalId()).query(String.class).single();
        conversationsOf.computeIfAbsent(s.channel() + ":" + s.resident(), k -> new ArrayList<>()).add(conversation);
      }
      conversationsOf.forEach((resident, ids) -> assertThat(Set.copyOf(ids)).as(resident).hasSize(1));
      for (List<String> ids : conversationsOf.values()) {
        List<Integer> seqs = db.sql("select seq from message where conversation_id = ? order by seq")
            .param(ids.getFirst()).query(Integer.class).list();
        for (int i = 0; i < seqs.size(); i++) {
          assertThat(seqs.get(i)).isEqualTo(seqs.getFirst() + i);
        }
      }

      // no work order twice: each conversation that asked for a person has exactly one
      List<Map<String, Object>> doubled = db.sql(
              "select conversation_id, count(*) c from work_order group by conversation_id having count(*) > 1")
          .query().listOfRows();
      assertThat(doubled).isEmpty();
      assertThat(db.sql("select count(*) from work_order").query(Integer.class).single())
          .isEqualTo(conversationsOf.size());

      // every outbound message was sent, and the stubs saw each idempotency key with one message
      assertThat(db.sql("select id, channel, status, attempts, last_error from outbox where status <> 'sent'")
              .query().listOfRows())
          .isEmpty();
      Map<String, Set<String>> bodiesByKey = twilioApi.calls().stream()
          .filter(c -> c.form().get("StatusCallback") != null)
          .collect(Collectors.groupingBy(c -> key(c.form().get("StatusCallback")),
              Collectors.mapping(c -> c.form().get("Body"), Collectors.toSet())));
      bodiesByKey.forEach((key, bodies) -> assertThat(bodies).as(key).hasSize(1));
      List<String> smsKeys = db.sql("select idempotency_key from outbox where channel = 'sms'").query(String.class).list();
      assertThat(bodiesByKey.keySet()).containsExactlyInAnyOrderElementsOf(smsKeys);
      for (String text : expectedSms.values()) {
        assertThat(twilioApi.calls().stream().filter(c -> text.equals(c.form().get("Body"))).map(c -> key(c.form().get("StatusCallback"))).distinct())
            .as("one outbox message per staff reply: " + text).hasSize(1);
      }
      for (String text : expectedWeChat.values()) {
        assertThat(wechatApi.customerService.stream().filter(b -> b.contains(text)).count())
            .as("WeChat customer-service message: " + text).isEqualTo(1);
      }
    } finally {
      ds.destroy();
    }
    server = null;
  }

  private static String key(String statusCallback) {
    String query = URI.create(statusCallback).getRawQuery();
    for (String pair : query.split("&")) {
      if (pair.startsWith("key=")) {
        return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no key in " + statusCallback);
  }
}
