package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.linli.handoff.HandoffService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text that looks dangerous or unusual is still a resident's words: it is answered, stored exactly
 * as sent (never interpreted as SQL), and shown escaped in the staff console.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class UnusualButValidInputTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired HandoffService handoff;
  @Autowired org.linli.privacy.PersonalData personalData;

  private String send(String text) throws Exception {
    String body = json.writeValueAsString(java.util.Map.of("text", text));
    return mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private String lastInbound() {
    return personalData.decrypt(
        jdbc.sql("select text_enc from message where direction = 'in' order by id desc fetch first 1 rows only")
            .query(String.class).single());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "高龄津贴怎么申请 👵🏻🙏",                          // emoji, with a skin-tone modifier
      "\u200F\u05E9\u05DC\u05D5\u05DD \u202Eevil\u202C 低保",  // right-to-left marks and override
      "<script>alert('x')</script><img src=x onerror=alert(1)>",
      "'; drop table message; --",
      "\" or 1=1 -- %_\\",
      "第一行\n第二行\t缩进",
      "Robert'); DELETE FROM resident; --"})
  void unusualTextIsAnsweredAndStoredExactlyAsSent(String text) throws Exception {
    int residentsBefore = jdbc.sql("select count(*) from message").query(Integer.class).single();
    send(text);
    assertThat(lastInbound()).isEqualTo(text.strip());
    assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single())
        .isGreaterThan(residentsBefore);
  }

  @Test
  void sqlInIdentifiersIsJustAnUnknownId() throws Exception {
    mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON)
            .content("{\"conversationId\":\"' or '1'='1\",\"text\":\"你好\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.conversation.unknown"));
    mvc.perform(get("/api/chat/conversations/{id}", "x' or '1'='1"))
        .andExpect(status().isNotFound());
    mvc.perform(get("/api/staff/tickets").param("q", "' or 1=1 --").with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(0));
  }

  @Test
  void aResidentsHtmlIsShownEscapedInTheConsole() throws Exception {
    String answer = send("<script>alert('x')</script><b onmouseover=alert(2)>电梯坏了</b>");
    String conversationId = json.readTree(answer).get("conversationId").asString();
    var order = handoff.open(new HandoffService.OpenRequest(
        "lift", 2, "<i>电梯</i>", null, conversationId, null, "web", null, "resident"));

    String page = mvc.perform(get("/staff/tickets/" + order.number()).with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(page)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b onmouseover=alert(2)&gt;电梯坏了&lt;/b&gt;")
        .contains("&lt;i&gt;电梯&lt;/i&gt;")
        .doesNotContain("<script>alert")
        .doesNotContain("<b onmouseover")
        .doesNotContain("<i>电梯");
  }
}
