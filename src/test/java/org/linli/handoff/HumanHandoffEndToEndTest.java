package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.security.StaffAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The "done when", over real HTTP: a resident on the web chat asks for a person; the
 * order appears live in the staff queue; staff claim it and reply; the reply reaches the
 * resident's conversation and event stream; the resident answers and staff see it live; staff
 * resolve; the resident is asked for a rating and gives one; the history shows every step.
 */
@StaffedAroundTheClockTest
class HumanHandoffEndToEndTest {

  private static final Duration LIVE = Duration.ofSeconds(10);

  @LocalServerPort int port;
  @Autowired StaffAccounts accounts;
  @Autowired JdbcClient jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    HandoffTestSupport.staff(accounts);
    http = new Http(port);
  }

  @AfterEach
  void closeStreams() {
    http.client.shutdownNow();
  }

  @Test
  void aResidentWhoAsksForAPersonIsServedByStaffToTheEndAndRatesTheService() throws Exception {
    List<String> queue = http.stream("/api/staff/events", "wang");

    // the resident asks for a person on the web chat
    Http.Response asked = http.post("/api/chat/messages", null, "{\"text\":\"我要找人工\"}");
    assertThat(asked.status()).isEqualTo(200);
    String number = asked.json().get("handoff").get("ticketId").asString();
    String conversation = asked.json().get("conversationId").asString();
    assertThat(number).matches("\\d{6}");
    assertThat(asked.json().get("handoff").get("status").asString()).isEqualTo("new");
    assertThat(asked.body()).contains(number);

    // the order appears live in the service desk's queue
    await().atMost(LIVE).until(() -> queue.stream().anyMatch(l -> l.contains(number) && l.contains("opened")));
    Http.Response open = http.get("/api/staff/tickets?status=new", "wang");
    assertThat(open.json().findValuesAsString("number")).contains(number);

    // while nobody has it, the resident is told their place in the queue
    Http.Response waiting = http.post("/api/chat/messages", null,
        "{\"conversationId\":\"" + conversation + "\",\"text\":\"还要等多久\"}");
    assertThat(waiting.json().get("replies").get(0).get("text").asString()).contains("工作人员");

    List<String> residentStream = http.stream("/api/chat/conversations/" + conversation + "/events", null);
    List<String> staffConversation = http.stream("/api/staff/tickets/" + number + "/events", "wang");

    // staff claim it and reply; the reply reaches the resident live and in the history
    assertThat(http.post("/api/staff/tickets/" + number + "/claim", "wang", null).json()
        .get("owner").asString()).isEqualTo("wang");
    assertThat(http.post("/api/staff/tickets/" + number + "/messages", "wang",
        "{\"text\":\"您好，我是王师傅，请讲。\"}").status()).isEqualTo(200);
    await().atMost(LIVE).until(() -> residentStream.stream().anyMatch(l -> l.contains("我是王师傅") && l.contains("\"staff\"")));
    // the stream also says where the order stands: a person has it now, so no queue place
    await().atMost(LIVE).until(() -> residentStream.stream().anyMatch(l -> l.contains("\"ticketId\":\"" + number + "\"")
        && l.contains("\"status\":\"in_progress\"")));
    assertThat(residentStream).anyMatch(l -> l.startsWith("event:handoff"));
    assertThat(residentStream).noneMatch(l -> l.contains("\"status\":\"in_progress\"") && l.contains("queuePosition"));
    JsonNode history = http.get("/api/chat/conversations/" + conversation, null).json();
    assertThat(history.get("mode").asString()).isEqualTo("human");
    assertThat(history.get("messages")).anySatisfy(m -> {
      assertThat(m.get("author").asString()).isEqualTo("staff");
      assertThat(m.get("direction").asString()).isEqualTo("out");
      assertThat(m.get("text").asString()).isEqualTo("您好，我是王师傅，请讲。");
    });

    // the resident answers: the assistant stays silent, staff see it live
    Http.Response answer = http.post("/api/chat/messages", null,
        "{\"conversationId\":\"" + conversation + "\",\"text\":\"楼道的灯坏了三天了\"}");
    assertThat(answer.json().get("replies")).isEmpty();
    await().atMost(LIVE).until(() -> staffConversation.stream().anyMatch(l -> l.contains("楼道的灯坏了三天了")));
    assertThat(http.get("/api/staff/tickets/" + number + "/suggestions", "wang").status()).isEqualTo(200);

    // staff resolve; the resident is told and asked for a rating, and gives one
    assertThat(http.post("/api/staff/tickets/" + number + "/resolve", "wang",
        "{\"resolution\":\"已通知物业，今天下午换灯。\"}").json().get("status").asString()).isEqualTo("resolved");
    await().atMost(LIVE).until(() -> residentStream.stream().anyMatch(l -> l.contains("1 到 5")));
    Http.Response rated = http.post("/api/chat/messages", null,
        "{\"conversationId\":\"" + conversation + "\",\"text\":\"5\"}");
    assertThat(rated.json().get("replies").get(0).get("text").asString()).contains("谢谢");

    // the history shows every step with times and actors; the rating is on the order
    JsonNode ticket = http.get("/api/staff/tickets/" + number, "wang").json();
    assertThat(ticket.get("status").asString()).isEqualTo("closed");
    assertThat(ticket.get("rating").get("score").asInt()).isEqualTo(5);
    List<String> types = ticket.get("history").findValuesAsString("type");
    assertThat(types).containsSubsequence(
        "opened", "resident_message", "claimed", "message", "resident_message", "resolved", "rated", "closed");
    for (JsonNode event : ticket.get("history")) {
      assertThat(event.get("at").asString()).isNotBlank();
      assertThat(event.get("actor").asString()).isNotBlank();
    }
    assertThat(ticket.get("history").get(2).get("actor").asString()).isEqualTo("wang");

    // the supervisors' dashboard shows it: a request on the web channel, and this week's rating
    String dashboard = http.consolePage("zhao", "/staff/dashboard");
    assertThat(dashboard).contains("<svg").contains("web").contains("5.0 (");
    assertThat(http.consolePage("wang", "/staff/tickets/" + number)).contains(number).contains("王师傅");
  }

  @Test
  void aResidentCanCheckACaseByItsNumberInPlainWords() throws Exception {
    Http.Response reported = http.post("/api/chat/messages", null, "{\"text\":\"厨房漏水了\"}");
    String number = reported.json().get("handoff").get("ticketId").asString();

    Http.Response status = http.post("/api/chat/messages", null, "{\"text\":\"查 " + number + "\"}");

    String text = status.json().get("replies").get(0).get("text").asString();
    assertThat(text).contains(number).contains("漏水").contains("已受理");
  }

  @Test
  void releasingHandsTheConversationBackToTheAssistant() throws Exception {
    Http.Response asked = http.post("/api/chat/messages", null, "{\"text\":\"人工服务\"}");
    String number = asked.json().get("handoff").get("ticketId").asString();
    String conversation = asked.json().get("conversationId").asString();
    http.post("/api/staff/tickets/" + number + "/claim", "wang", null);

    assertThat(http.post("/api/staff/tickets/" + number + "/release", "wang", null).status()).isEqualTo(200);

    Http.Response next = http.post("/api/chat/messages", null,
        "{\"conversationId\":\"" + conversation + "\",\"text\":\"谢谢\"}");
    assertThat(next.json().get("replies").get(0).get("text").asString()).isEqualTo("好的。");
    assertThat(http.get("/api/chat/conversations/" + conversation, null).json().get("mode").asString())
        .isEqualTo("bot");
  }
}
