package org.linli.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.linli.handoff.WorkOrder;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff see the hall kiosks' live sessions without anything personal, join one (it becomes theirs,
 * like a handoff, and is audited), write to the kiosk, and hand it back to the assistant.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class KioskSessionsConsoleTest {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired HandoffService handoff;
  @Autowired StaffAccounts accounts;
  @Autowired JdbcClient jdbc;

  private final RequestPostProcessor wang = user("kiosk-wang").roles("STAFF");
  private final RequestPostProcessor li = user("kiosk-li").roles("STAFF");

  @BeforeEach
  void staff() {
    for (String[] s : new String[][] {{"kiosk-wang", "王师傅", "service"}, {"kiosk-li", "李师傅", "property"}}) {
      if (!accounts.exists(s[0])) {
        accounts.create("test", s[0], s[1], s[2], EnumSet.of(StaffMember.Role.STAFF), "correct-horse-battery", false);
      }
    }
  }

  private JsonNode say(String conversationId, String channel, String text) throws Exception {
    String id = conversationId == null ? "null" : "\"" + conversationId + "\"";
    String body = mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON)
            .content("{\"conversationId\":" + id + ",\"channel\":\"" + channel + "\",\"text\":\"" + text + "\"}"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return json.readTree(body);
  }

  private JsonNode history(String id) throws Exception {
    return json.readTree(mvc.perform(get("/api/chat/conversations/" + id))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
  }

  private String page(String path, RequestPostProcessor who) throws Exception {
    return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
  }

  @Test
  void staffJoinALiveKioskSessionWriteToTheKioskAndHandItBack() throws Exception {
    String id = say(null, "kiosk", "我的手机13812345678，高龄津贴怎么申请").get("conversationId").asString();

    String list = page("/staff/kiosks", wang);
    assertThat(list).contains(id.substring(0, 8)).contains("/staff/kiosks/" + id + "/join").contains("_csrf");
    assertThat(list).as("nothing the resident said, nothing personal")
        .doesNotContain("13812345678").doesNotContain("138****5678").doesNotContain("高龄津贴怎么申请");
    assertThat(page("/staff", wang)).contains("/staff/kiosks");

    mvc.perform(post("/staff/kiosks/" + id + "/join").with(wang)).andExpect(status().isForbidden());
    assertThat(history(id).get("mode").asString()).as("no CSRF token, nothing joined").isEqualTo("bot");

    String location = mvc.perform(post("/staff/kiosks/" + id + "/join").with(csrf()).with(wang))
        .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
    assertThat(location).startsWith("/staff/tickets/");
    String number = location.substring("/staff/tickets/".length());
    Actor me = new Actor("kiosk-wang", "王师傅", "service", false);
    WorkOrder order = handoff.get(me, number);
    assertThat(order.owner()).isEqualTo("kiosk-wang");
    assertThat(order.conversationId()).isEqualTo(id);
    assertThat(history(id).get("mode").asString()).isEqualTo("human");
    assertThat(history(id).get("handoff").get("status").asString()).isEqualTo("claimed");
    assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'kiosk.join' and subject = ?")
        .params("kiosk-wang", "conversation:" + id).query(Integer.class).single()).isEqualTo(1);
    assertThat(page("/staff/kiosks", wang)).contains(number);

    mvc.perform(post("/staff/kiosks/" + id + "/join").with(csrf()).with(li))
        .andExpect(status().is3xxRedirection());
    assertThat(handoff.get(me, number).owner()).as("a second member of staff cannot take it").isEqualTo("kiosk-wang");

    mvc.perform(post("/staff/tickets/" + number + "/reply").with(csrf()).with(wang).param("text", "您好，我是王师傅，就在您旁边。"))
        .andExpect(status().is3xxRedirection());
    assertThat(history(id).get("messages").toString()).contains("\"author\":\"staff\"").contains("就在您旁边");
    assertThat(say(id, "kiosk", "好的谢谢").get("replies")).as("a person has it: the assistant is silent").isEmpty();

    mvc.perform(post("/staff/tickets/" + number + "/release").with(csrf()).with(wang))
        .andExpect(status().is3xxRedirection());
    assertThat(history(id).get("mode").asString()).isEqualTo("bot");
    assertThat(say(id, "kiosk", "高龄津贴怎么申请").get("replies").get(0).get("sources").toString())
        .contains("elderly-allowance");
  }

  @Test
  void onlyLiveKioskSessionsCanBeJoinedAndOnlyByStaff() throws Exception {
    String web = say(null, "web", "高龄津贴怎么申请").get("conversationId").asString();
    int orders = jdbc.sql("select count(*) from work_order").query(Integer.class).single();

    assertThat(page("/staff/kiosks", wang)).doesNotContain(web.substring(0, 8));
    mvc.perform(post("/staff/kiosks/" + web + "/join").with(csrf()).with(wang))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/staff/kiosks/no-such-conversation/join").with(csrf()).with(wang))
        .andExpect(status().is3xxRedirection());
    assertThat(history(web).get("mode").asString()).isEqualTo("bot");
    assertThat(jdbc.sql("select count(*) from work_order").query(Integer.class).single()).isEqualTo(orders);

    mvc.perform(get("/staff/kiosks")).andExpect(status().is3xxRedirection());
    String kiosk = say(null, "kiosk", "你好").get("conversationId").asString();
    mvc.perform(post("/staff/kiosks/" + kiosk + "/join").with(csrf())).andExpect(status().is3xxRedirection());
    assertThat(history(kiosk).get("mode").asString()).as("not logged in: nothing joined").isEqualTo("bot");
  }

  @Test
  void anEndedSessionSaysSoInTheConsole() throws Exception {
    String id = say(null, "kiosk", "你好").get("conversationId").asString();
    jdbc.sql("update conversation set updated_at = ? where id = ?")
        .params(java.time.OffsetDateTime.now().minusHours(1), id).update();

    assertThat(page("/staff/kiosks", wang)).doesNotContain(id.substring(0, 8));
    var flash = mvc.perform(post("/staff/kiosks/" + id + "/join").with(csrf()).with(wang))
        .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
    assertThat(flash.get("error")).isEqualTo("这台自助机的会话已经结束了。");
  }
}
