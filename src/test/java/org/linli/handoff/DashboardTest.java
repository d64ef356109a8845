package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.security.StaffAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** What supervisors see on the dashboard (with the real dialogue engine). */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DashboardTest {

  @Autowired MockMvc mvc;
  @Autowired HandoffService handoff;
  @Autowired StaffAccounts accounts;

  @BeforeEach
  void staff() {
    HandoffTestSupport.staff(accounts);
  }

  @Test
  void aSpikeOfReportsInOneCategoryIsFlaggedAsAnEarlyWarning() throws Exception {
    for (int i = 0; i < 4; i++) {
      handoff.open(new HandoffService.OpenRequest(
          "drainage", 2, "下水道堵了", "7号楼", null, null, "web", null, "resident"));
    }

    String page = mvc.perform(get("/staff/dashboard").with(user("zhao").roles("SUPERVISOR")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

    assertThat(page).contains("异常预警").contains("下水道").contains("<svg").doesNotContain("<script>");
  }

  @Test
  void questionsTheAssistantCouldNotAnswerAreListedWithADraftForTheKnowledgeBase() throws Exception {
    String question = "火星移民补贴怎么领";
    mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON)
        .content("{\"text\":\"" + question + "\"}")).andExpect(status().isOk());

    String page = mvc.perform(get("/staff/dashboard").with(user("zhao").roles("SUPERVISOR")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains(question).contains("起草知识库文档");

    String draft = mvc.perform(get("/staff/dashboard/draft").param("question", question)
            .with(user("zhao").roles("SUPERVISOR")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(draft).startsWith("---\nid: draft-").contains("title: \"" + question + "\"").contains("## 一句话说明");
  }

  /** The texts are encrypted at rest: the same question asked twice is still counted as one. */
  @Test
  void theSameUnansweredQuestionAskedTwiceIsCountedTwiceThoughStoredEncrypted() throws Exception {
    for (String question : new String[] {"火星旅游补贴怎么领？", "火星旅游补贴怎么领"}) {
      mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON)
          .content("{\"text\":\"" + question + "\"}")).andExpect(status().isOk());
    }

    String page = mvc.perform(get("/staff/dashboard").with(user("zhao").roles("SUPERVISOR")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).containsPattern("<td>火星旅游补贴怎么领？?</td>\\s*<td>2</td>");
  }

  @Test
  void staffWhoAreNotSupervisorsCannotOpenTheDashboard() throws Exception {
    mvc.perform(get("/staff/dashboard").with(user("wang").roles("STAFF"))).andExpect(status().isForbidden());
  }
}
