package org.linli.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resident waiting for a person sees their place in the real queue of unclaimed orders and the
 * expected wait, both kept up to date when they poll; outside staffed hours, when staff are back.
 */
@SpringBootTest(
    // a context of its own: these tests change the staffed hours and count the queue from empty
    properties = "linli.handoff.handling-time=PT6M")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class HandoffQueuePlaceTest {

  static final Actor SUPERVISOR = new Actor("zhao", "赵主任", null, true);
  static final ZoneId CENTRE = ZoneId.of("Asia/Shanghai");

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired HandoffService handoff;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void staffedAllDayAndNobodyWaiting() {
    handoff.setStaffing(SUPERVISOR, new HandoffService.Staffing(
        EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.of(23, 59, 59)));
    // orders other tests left unclaimed would stand in the queue before ours
    jdbc.sql("update work_order set status = 'closed' where status = 'new'").update();
    // and claims of other tests fall out of the window the median is taken over
    var longAgo = Instant.now().minus(java.time.Duration.ofDays(30)).atOffset(java.time.ZoneOffset.UTC);
    jdbc.sql("update work_order set created_at = ?, claimed_at = ? where claimed_at is not null")
        .params(longAgo, longAgo).update();
  }

  private JsonNode askForAPerson() throws Exception {
    String body = mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON)
            .content("{\"text\":\"@person\",\"channel\":\"kiosk\"}"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return json.readTree(body);
  }

  private JsonNode historyHandoff(JsonNode answer) throws Exception {
    String body = mvc.perform(get("/api/chat/conversations/" + answer.get("conversationId").asString()))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return json.readTree(body).get("handoff");
  }

  private static String ticket(JsonNode answer) {
    return answer.get("handoff").get("ticketId").asString();
  }

  @Test
  void withoutClaimHistoryTheWaitIsTheHandlingTimePerPlaceAndMovesUpAsOthersAreClaimed() throws Exception {
    JsonNode first = askForAPerson();
    JsonNode second = askForAPerson();

    assertThat(first.get("handoff").get("queuePosition").asInt()).isEqualTo(1);
    assertThat(first.get("handoff").get("expectedWaitMinutes").asInt()).isEqualTo(6);
    assertThat(second.get("handoff").get("queuePosition").asInt()).isEqualTo(2);
    assertThat(second.get("handoff").get("expectedWaitMinutes").asInt()).isEqualTo(12);
    assertThat(second.get("handoff").has("callbackFrom")).isFalse();
    assertThat(historyHandoff(second).get("queuePosition").asInt()).isEqualTo(2);

    handoff.claim(SUPERVISOR, ticket(first));

    JsonNode moved = historyHandoff(second);
    assertThat(moved.get("ticketId").asString()).isEqualTo(ticket(second));
    assertThat(moved.get("queuePosition").asInt()).isEqualTo(1);
    assertThat(moved.get("expectedWaitMinutes").asInt()).as("one claim is too few for a median").isEqualTo(6);

    handoff.claim(SUPERVISOR, ticket(second));

    JsonNode claimed = historyHandoff(second);
    assertThat(claimed.get("status").asString()).isEqualTo("claimed");
    assertThat(claimed.has("queuePosition")).isFalse();
    assertThat(claimed.has("expectedWaitMinutes")).isFalse();
  }

  @Test
  void withRecentClaimsTheWaitIsTheirMedianClaimTimePerPlace() throws Exception {
    // five orders of the same department claimed 10 minutes after they were opened
    for (int i = 0; i < 5; i++) {
      String number = ticket(askForAPerson());
      handoff.claim(SUPERVISOR, number);
      Instant claimedAt = Instant.now();
      jdbc.sql("update work_order set created_at = ?, claimed_at = ? where number = ?")
          .params(claimedAt.minusSeconds(600).atOffset(java.time.ZoneOffset.UTC), claimedAt.atOffset(java.time.ZoneOffset.UTC), number)
          .update();
    }

    JsonNode first = askForAPerson();
    JsonNode second = askForAPerson();

    assertThat(first.get("handoff").get("expectedWaitMinutes").asInt()).isEqualTo(10);
    assertThat(second.get("handoff").get("expectedWaitMinutes").asInt()).isEqualTo(20);
  }

  @Test
  void outsideStaffedHoursTheHandoffSaysWhenStaffAreBackInsteadOfAWait() throws Exception {
    DayOfWeek today = ZonedDateTime.now(CENTRE).getDayOfWeek();
    handoff.setStaffing(SUPERVISOR, new HandoffService.Staffing(
        EnumSet.complementOf(EnumSet.of(today)), LocalTime.of(8, 30), LocalTime.of(17, 30)));

    JsonNode answer = askForAPerson();

    JsonNode h = answer.get("handoff");
    assertThat(h.has("expectedWaitMinutes")).isFalse();
    assertThat(h.get("queuePosition").asInt()).isEqualTo(1);
    ZonedDateTime back = Instant.parse(h.get("callbackFrom").asString()).atZone(CENTRE);
    assertThat(back.toLocalTime()).isEqualTo(LocalTime.of(8, 30));
    assertThat(back.toLocalDate()).isEqualTo(ZonedDateTime.now(CENTRE).toLocalDate().plusDays(1));
    assertThat(historyHandoff(answer).get("callbackFrom").asString()).isEqualTo(h.get("callbackFrom").asString());
    assertThat(answer.get("replies").toString()).contains("不是工作时间");
  }
}
