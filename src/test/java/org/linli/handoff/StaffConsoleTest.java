package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.security.StaffAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** The console pages render in both languages, escape residents' text, and carry no inline script. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class StaffConsoleTest {

  @Autowired MockMvc mvc;
  @Autowired HandoffService handoff;
  @Autowired StaffAccounts accounts;

  @BeforeEach
  void staff() {
    HandoffTestSupport.staff(accounts);
  }

  @Test
  void staffSeeTheQueueAndAnOrderWithItsHistoryAndResidentsTextEscaped() throws Exception {
    WorkOrder order = handoff.open(new HandoffService.OpenRequest(
        "request_human", 2, "<script>alert(1)</script>我要找人", null, null, null, "web", null, "resident"));

    String queue = mvc.perform(get("/staff").with(user("wang").roles("STAFF")))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
        .andReturn().getResponse().getContentAsString();
    assertThat(queue).contains(order.number()).contains("工单队列").doesNotContain("<script>alert(1)");

    mvc.perform(post("/staff/tickets/" + order.number() + "/claim").with(csrf()).with(user("wang").roles("STAFF")))
        .andExpect(status().is3xxRedirection());
    String page = mvc.perform(get("/staff/tickets/" + order.number()).with(user("wang").roles("STAFF")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("处理记录").contains("接单").contains("&lt;script&gt;");
    assertThat(page).doesNotContainPattern("<script>(?!</script>)[^<]+</script>");
  }

  @Autowired org.linli.resident.ResidentDirectory residents;
  @Autowired org.linli.care.CareService care;

  @Test
  void anAdministratorRecordsExtraHelpAndACarerFromTheOrderPage() throws Exception {
    String resident = residents.residentFor(org.linli.resident.IdentityKind.PHONE, "13500007777");
    WorkOrder order = handoff.open(new HandoffService.OpenRequest(
        "lift", 2, "电梯坏了", null, null, resident, "sms", null, "resident"));
    var admin = user("admin").roles("ADMIN");
    String back = "/staff/tickets/" + order.number();

    assertThat(mvc.perform(get(back).with(admin)).andReturn().getResponse().getContentAsString()).contains("关怀档案");
    mvc.perform(post("/staff/admin/residents/" + resident + "/support").with(csrf()).with(admin)
            .param("needs", "aged_80_plus").param("consent", "true").param("back", back))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/staff/admin/residents/" + resident + "/proxies").with(csrf()).with(admin)
            .param("phone", "13500008888").param("relation", "child").param("consent", "true").param("back", back))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/staff/admin/residents/" + resident + "/support").with(csrf()).with(user("wang").roles("STAFF"))
            .param("needs", "x").param("consent", "true").param("back", back))
        .andExpect(status().isForbidden());

    assertThat(care.support(resident)).hasValueSatisfying(s -> assertThat(s.needs()).isEqualTo("aged_80_plus"));
    assertThat(care.proxies(resident)).singleElement().satisfies(p -> assertThat(p.relation()).isEqualTo("child"));
  }

  @Test
  void theConsoleSpeaksEnglishToAnEnglishBrowser() throws Exception {
    String queue = mvc.perform(get("/staff").header("Accept-Language", "en").with(user("wang").roles("STAFF")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(queue).contains("Queue").contains("My orders");
  }

  @Test
  void theLoginPageRenders() throws Exception {
    String page = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("工作人员登录").contains("_csrf");
  }
}
