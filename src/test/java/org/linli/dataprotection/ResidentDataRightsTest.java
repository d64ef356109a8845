package org.linli.dataprotection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.handoff.HandoffService;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A resident asks to see, then to erase, what the service holds about them: an administrator finds
 * them by phone number, exports everything as JSON and erases it, each step audited; nobody else may.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ResidentDataRightsTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired ConversationPort conversations;
  @Autowired HandoffService handoff;
  @Autowired ResidentDirectory residents;

  private String residentWhoWroteBySms(String phone) {
    var outcome = conversations.handle(new InboundMessage(
        Channel.SMS, null, phone, "sms-" + phone + "-1", "我家住幸福小区3栋，高龄津贴怎么申请", null, Instant.now()));
    String residentId = residents.find(IdentityKind.PHONE, phone).orElseThrow();
    handoff.open(new HandoffService.OpenRequest(
        "lift", 2, "幸福小区3栋电梯坏了", "幸福小区3栋", outcome.conversationId(), residentId, "sms", phone, "resident"));
    return residentId;
  }

  private static final org.linli.handoff.Actor PROPERTY_STAFF =
      new org.linli.handoff.Actor("li", "李师傅", "property", false);

  /** Staff resolve the resident's order in words that name their home; the resident rates it. */
  private String resolvedAndRated(String residentId) {
    String number = jdbc.sql("select number from work_order where resident_id = ?").param(residentId)
        .query(String.class).single();
    handoff.claim(PROPERTY_STAFF, number);
    handoff.resolve(PROPERTY_STAFF, number, "幸福小区3栋电梯已修好");
    handoff.rate(number, 5, "幸福小区的师傅很快");
    return number;
  }

  private int audit(String action, String residentId) {
    return jdbc.sql("select count(*) from audit_event where action = ? and subject = ?")
        .params(action, "resident:" + residentId).query(Integer.class).single();
  }

  @Test
  void anAdministratorExportsEverythingAboutAResidentFoundByPhoneNumber() throws Exception {
    String id = residentWhoWroteBySms("13911112222");
    resolvedAndRated(id);

    mvc.perform(post("/api/admin/residents/export").with(httpBasic("admin", "admin-test-password"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"+86 139 1111 2222\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.residentId").value(id))
        .andExpect(jsonPath("$.identities[0].kind").value("phone"))
        .andExpect(jsonPath("$.identities[0].value").value("13911112222"))
        .andExpect(jsonPath("$.conversations[0].channel").value("sms"))
        .andExpect(jsonPath("$.conversations[0].messages[0].text").value("我家住幸福小区3栋，高龄津贴怎么申请"))
        .andExpect(jsonPath("$.workOrders[0].summary").value("幸福小区3栋电梯坏了"))
        .andExpect(jsonPath("$.workOrders[0].contact").value("13911112222"))
        .andExpect(jsonPath("$.workOrders[0].ratingComment").value("幸福小区的师傅很快"))
        .andExpect(jsonPath("$.workOrders[0].history[?(@.type == 'resolved')].detail")
            .value("幸福小区3栋电梯已修好"));

    assertThat(audit("resident.exported", id)).isEqualTo(1);
  }

  @Test
  void anAdministratorErasesAResidentAndOnlyAnonymousRecordsRemain() throws Exception {
    String id = residentWhoWroteBySms("13933334444");
    resolvedAndRated(id);
    String conversation = jdbc.sql("select id from conversation where resident_id = ?").param(id)
        .query(String.class).single();

    mvc.perform(post("/api/admin/residents/erase").with(httpBasic("admin", "admin-test-password"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"13933334444\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.erased.identities").value(1))
        .andExpect(jsonPath("$.erased.workOrders").value(1));

    assertThat(residents.find(IdentityKind.PHONE, "13933334444")).isEmpty();
    assertThat(jdbc.sql("select count(*) from message where conversation_id = ?").param(conversation)
        .query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from resident where id = ?").param(id).query(Integer.class).single()).isZero();
    var order = jdbc.sql("select summary, location, summary_enc, location_enc, contact_enc, resident_id"
            + " from work_order where conversation_id = ?")
        .param(conversation).query().singleRow();
    assertThat(order.get("summary")).isEqualTo(ResidentData.ERASED);
    assertThat(order.get("location")).isNull();
    assertThat(order.get("summary_enc")).isNull();
    assertThat(order.get("location_enc")).isNull();
    assertThat(order.get("contact_enc")).isNull();
    assertThat(order.get("resident_id")).isNull();
    var texts = jdbc.sql("select resolution, resolution_enc, rating_comment, rating_comment_enc"
            + " from work_order where conversation_id = ?")
        .param(conversation).query().singleRow();
    assertThat(texts.get("resolution")).isEqualTo(ResidentData.ERASED);
    assertThat(texts.get("resolution_enc")).isNull();
    assertThat(texts.get("rating_comment")).isNull();
    assertThat(texts.get("rating_comment_enc")).isNull();
    assertThat(jdbc.sql("select detail, detail_enc from work_order_event where type in ('resolved', 'rated')"
            + " and work_order_id = (select id from work_order where conversation_id = ?)")
        .param(conversation).query().listOfRows())
        .hasSize(2)
        .allSatisfy(e -> {
          assertThat(e.get("detail")).isEqualTo(ResidentData.ERASED);
          assertThat(e.get("detail_enc")).isNull();
        });
    assertThat(audit("resident.erased", id)).isEqualTo(1);

    // asked again: nobody is known by that number any more
    mvc.perform(post("/api/admin/residents/export").with(httpBasic("admin", "admin-test-password"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"13933334444\"}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("error.resident.notFound"));
  }

  @Test
  void onlyAdministratorsMayExportOrErase() throws Exception {
    String id = residentWhoWroteBySms("13955556666");
    for (String action : new String[] {"export", "erase"}) {
      mvc.perform(post("/api/admin/residents/" + action).with(user("wang").roles("STAFF"))
              .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"13955556666\"}"))
          .andExpect(status().isForbidden());
      mvc.perform(post("/api/admin/residents/" + action).with(user("zhao").roles("SUPERVISOR"))
              .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"13955556666\"}"))
          .andExpect(status().isForbidden());
      mvc.perform(post("/api/admin/residents/" + action)
              .contentType(MediaType.APPLICATION_JSON).content("{\"phone\":\"13955556666\"}"))
          .andExpect(status().isUnauthorized());
    }
    assertThat(residents.find(IdentityKind.PHONE, "13955556666")).contains(id);
    assertThat(audit("resident.exported", id) + audit("resident.erased", id)).isZero();
  }

  @Test
  void aRequestMustNameTheResidentByExactlyOneIdentifier() throws Exception {
    mvc.perform(post("/api/admin/residents/export").with(httpBasic("admin", "admin-test-password"))
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.resident.who"));
  }
}
