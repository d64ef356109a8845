package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.channels.OutboundMessage;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.outbox.OutboxDispatcher;
import org.linli.security.StaffAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders filed through Open311 or entered by staff have no conversation. With a phone number the
 * resident is told by SMS when the order is opened, claimed, overdue and resolved, and rates it by
 * replying a digit; without one, the history says nobody can be told.
 *
 * <p>Run on each supported database: {@link H2OrdersWithoutAConversationTest}, {@link
 * PostgresOrdersWithoutAConversationTest}.
 */
abstract class OrdersWithoutAConversationContract {

  static final Actor WANG = new Actor("wang", "王师傅", "service", false);
  static final Actor LI = new Actor("li", "李师傅", "property", false);

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired HandoffService handoff;
  @Autowired StaffAccounts accounts;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired HandoffTestSupport.RecordingSender sms;
  @Autowired ConversationPort conversations;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    HandoffTestSupport.staff(accounts);
    dispatcher.dispatchDue();
    sms.sent.clear();
  }

  private String open311Key() throws Exception {
    String body = mvc.perform(post("/api/staff/admin/open311/keys")
            .with(httpBasic("admin", "admin-test-password"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"city-contact\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    return json.readTree(body).get("apiKey").asString();
  }

  private String fileThroughOpen311(String phone) throws Exception {
    var request = post("/open311/v2/requests.json")
        .param("api_key", open311Key()).param("service_code", "water_leak")
        .param("description", "5号楼2单元楼道漏水").param("address_string", "幸福路5号");
    if (phone != null) {
      request = request.param("phone", phone);
    }
    String created = mvc.perform(request)
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    return json.readTree(created).get(0).get("service_request_id").asString();
  }

  private List<OutboundMessage> smsTo(String phone) {
    dispatcher.dispatchDue();
    return sms.sent.stream().filter(m -> phone.equals(m.recipient())).toList();
  }

  private long orderCount() {
    return jdbc.sql("select count(*) from work_order").query(Long.class).single();
  }

  @Test
  void aResidentWhoseReportCameThroughOpen311IsToldBySmsAndRatesByReplyingADigit() throws Exception {
    String number = fileThroughOpen311("138-0013-7001");

    assertThat(smsTo("13800137001"))
        .singleElement()
        .satisfies(m -> assertThat(m.text()).contains("已登记").contains(number));

    handoff.claim(LI, number);
    assertThat(smsTo("13800137001")).last()
        .satisfies(m -> assertThat(m.text()).contains("李师傅").contains(number));

    jdbc.sql("update work_order set due_at = ? where number = ?")
        .params(OffsetDateTime.now().minusHours(1), number).update();
    handoff.notifyOverdue();
    assertThat(smsTo("13800137001")).last()
        .satisfies(m -> assertThat(m.text()).contains("超过").contains(number));

    handoff.resolve(LI, number, "已更换漏水的水管");
    assertThat(smsTo("13800137001")).extracting(OutboundMessage::text)
        .anySatisfy(t -> assertThat(t).contains("已办结").contains("已更换漏水的水管"))
        .last().satisfies(t -> assertThat(t).contains("1 到 5"));

    conversations.handle(new InboundMessage(
        Channel.SMS, null, "+8613800137001", "SM-contact-rating", "5", null, Instant.now()));

    WorkOrder rated = handoff.get(LI, number);
    assertThat(rated.rating()).isEqualTo(5);
    assertThat(rated.status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(handoff.history(LI, number)).extracting(HistoryEntry::type)
        .containsSubsequence("opened", "claimed", "sla_breached", "resolved", "rated", "closed")
        .doesNotContain("resident_unreachable");
  }

  @Test
  void whatTheResidentTextsBackReachesTheOwnerOfTheOrder() throws Exception {
    String number = fileThroughOpen311("13800137002");
    handoff.claim(LI, number);

    conversations.handle(new InboundMessage(
        Channel.SMS, null, "13800137002", "SM-contact-reply", "我家是3楼", null, Instant.now()));

    assertThat(handoff.history(LI, number))
        .anySatisfy(h -> {
          assertThat(h.type()).isEqualTo("resident_message");
          assertThat(h.detail()).contains("3楼");
        });
  }

  @Test
  void anOrderStaffEnterWithAPhoneNumberIsToldToTheResidentAndTheNumberIsEncryptedAndAudited() throws Exception {
    String body = mvc.perform(post("/api/staff/tickets")
            .with(httpBasic("wang", HandoffTestSupport.PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"category\":\"other\",\"summary\":\"Lift button broken\",\"phone\":\"+86 138 0013 7003\","
                + "\"language\":\"en\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.department").value("service"))
        .andReturn().getResponse().getContentAsString();
    String number = json.readTree(body).get("number").asString();

    assertThat(smsTo("13800137003")).singleElement()
        .satisfies(m -> assertThat(m.text()).startsWith("Your report is registered as case " + number));
    assertThat(jdbc.sql("select contact_enc from work_order where number = ?").param(number)
        .query(String.class).single())
        .isNotBlank().doesNotContain("13800137003").doesNotContain("0013");

    mvc.perform(get("/api/staff/tickets/" + number + "/contact").with(httpBasic("wang", HandoffTestSupport.PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.contact").value("+8613800137003"));
    assertThat(handoff.history(WANG, number)).extracting(HistoryEntry::type).contains("contact_viewed");
    assertThat(jdbc.sql("select count(*) from audit_event where action = 'contact.view' and subject = ?")
        .param("work_order:" + number).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void aLandlineNumberBecomesACallbackTaskForStaffInsteadOfAnSms() throws Exception {
    String number = fileThroughOpen311("010-6512 3456");

    assertThat(smsTo("01065123456")).isEmpty();
    assertThat(handoff.history(LI, number))
        .filteredOn(h -> h.type().equals("callback_task"))
        .singleElement()
        .satisfies(h -> assertThat(h.detail()).startsWith("landline").contains(number));
  }

  @Test
  void withoutAPhoneNumberTheHistorySaysNobodyCanBeTold() throws Exception {
    String number = fileThroughOpen311(null);

    assertThat(handoff.get(LI, number).conversationId()).isNull();
    assertThat(handoff.history(LI, number)).extracting(HistoryEntry::type)
        .containsExactly("opened", "resident_unreachable");
  }

  @Test
  void aPhoneThatIsNoNumberIsRefusedAndNothingIsFiled() throws Exception {
    long before = orderCount();
    mvc.perform(post("/open311/v2/requests.json")
            .param("api_key", open311Key()).param("service_code", "road")
            .param("description", "路面塌陷").param("phone", "call me"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$[0].description").value(org.hamcrest.Matchers.containsString("phone")));
    mvc.perform(post("/api/staff/tickets")
            .with(httpBasic("wang", HandoffTestSupport.PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"category\":\"road\",\"summary\":\"路面塌陷\",\"phone\":\"12\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.contact.phone"));
    mvc.perform(post("/api/staff/tickets")
            .with(httpBasic("wang", HandoffTestSupport.PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"category\":\"no_such\",\"summary\":\"路面塌陷\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.order.category"));

    assertThat(orderCount()).isEqualTo(before);
  }

  @Test
  void staffOpenAnOrderFromTheConsoleFormAndTheResidentGetsTheSms() throws Exception {
    String form = mvc.perform(get("/staff/tickets/new").with(user("wang").roles("STAFF")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(form).contains("新建工单").contains("name=\"phone\"").contains("路灯");

    String location = mvc.perform(post("/staff/tickets").with(csrf()).with(user("wang").roles("STAFF"))
            .param("category", "street_light").param("priority", "2")
            .param("summary", "小区门口路灯坏了").param("phone", "13800137004").param("language", "zh"))
        .andExpect(status().is3xxRedirection())
        .andReturn().getResponse().getRedirectedUrl();
    assertThat(location).matches("/staff/tickets/\\d{6}");
    String number = location.substring(location.lastIndexOf('/') + 1);

    assertThat(smsTo("13800137004")).singleElement()
        .satisfies(m -> assertThat(m.text()).contains(number));
    assertThat(handoff.get(new Actor("zhao", "赵主任", null, true), number).department()).isEqualTo("municipal");
  }

  @Test
  void aWrongNumberInTheConsoleFormIsShownAgainWithTheMessageAndNothingIsOpened() throws Exception {
    long before = orderCount();
    mvc.perform(post("/staff/tickets").with(csrf()).with(user("wang").roles("STAFF"))
            .param("category", "road").param("summary", "路面塌陷").param("phone", "没有电话"))
        .andExpect(status().isBadRequest())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
            .string(org.hamcrest.Matchers.allOf(
                org.hamcrest.Matchers.containsString("联系电话格式不对"),
                org.hamcrest.Matchers.containsString("路面塌陷"))));
    assertThat(orderCount()).isEqualTo(before);
  }
}
