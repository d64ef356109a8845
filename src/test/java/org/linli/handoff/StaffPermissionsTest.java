package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Who may see and do what with work orders and residents' contact details. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class StaffPermissionsTest {

  @Autowired MockMvc mvc;
  @Autowired HandoffService handoff;
  @Autowired StaffAccounts accounts;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void staff() {
    HandoffTestSupport.staff(accounts);
  }

  private WorkOrder serviceDeskOrder(String phone) {
    return handoff.open(new HandoffService.OpenRequest(
        "request_human", 2, "想咨询一下", null, null, null, "web", phone, "resident"));
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor as(String user) {
    return httpBasic(user, HandoffTestSupport.PASSWORD);
  }

  @Test
  void withoutLoginTheStaffApiAnswers401AndTheConsoleAsksToLogIn() throws Exception {
    mvc.perform(get("/api/staff/tickets"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("Basic")))
        .andExpect(jsonPath("$.code").value("error.auth.required"));
    mvc.perform(get("/staff")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    mvc.perform(get("/api/staff/tickets").with(httpBasic("wang", "not-the-password")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void staffOfAnotherDepartmentCanNeitherSeeNorClaimAnOrder() throws Exception {
    WorkOrder order = serviceDeskOrder(null);

    mvc.perform(get("/api/staff/tickets/" + order.number()).with(as("li")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("error.ticket.notFound"));
    mvc.perform(post("/api/staff/tickets/" + order.number() + "/claim").with(as("li")))
        .andExpect(status().isNotFound());
    String list = mvc.perform(get("/api/staff/tickets").with(as("li")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(list).doesNotContain(order.number());

    mvc.perform(get("/api/staff/tickets/" + order.number()).with(as("wang"))).andExpect(status().isOk());
    mvc.perform(get("/api/staff/tickets/" + order.number()).with(as("zhao"))).andExpect(status().isOk());
  }

  @Test
  void aSecondClaimIsRefusedBecauseTheFirstClaimerOwnsTheOrder() throws Exception {
    WorkOrder order = serviceDeskOrder(null);
    mvc.perform(post("/api/staff/tickets/" + order.number() + "/claim").with(as("wang"))).andExpect(status().isOk());

    mvc.perform(post("/api/staff/tickets/" + order.number() + "/claim").with(as("zhao")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("error.ticket.alreadyClaimed"));
  }

  @Test
  void viewingAResidentsContactIsAuditedAndTheContactIsNeverStoredInClear() throws Exception {
    WorkOrder order = serviceDeskOrder("13912345678");
    String stored = jdbc.sql("select contact_enc from work_order where number = ?")
        .param(order.number()).query(String.class).single();
    assertThat(stored).doesNotContain("13912345678");

    mvc.perform(get("/api/staff/tickets/" + order.number() + "/contact").with(as("wang")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.contact").value("13912345678"));
    mvc.perform(get("/api/staff/tickets/" + order.number() + "/contact").with(as("li")))
        .andExpect(status().isNotFound());

    int audits = jdbc.sql("select count(*) from audit_event where action = 'contact.view' and actor = 'wang'"
            + " and subject = ?")
        .param("work_order:" + order.number()).query(Integer.class).single();
    assertThat(audits).isEqualTo(1);
    String detail = jdbc.sql("select detail from audit_event where subject = ?")
        .param("work_order:" + order.number()).query(String.class).single();
    assertThat(detail).doesNotContain("13912345678");
  }

  @Test
  void consoleFormsNeedACsrfTokenButTheWebChatDoesNot() throws Exception {
    WorkOrder order = serviceDeskOrder(null);
    mvc.perform(post("/staff/tickets/" + order.number() + "/claim")
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("wang").roles("STAFF")))
        .andExpect(status().isForbidden());
    mvc.perform(post("/staff/tickets/" + order.number() + "/claim").with(csrf())
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("wang").roles("STAFF")))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"你好\"}"))
        .andExpect(status().isOk());
  }

  @Test
  void anAccountWithAOneTimePasswordMustChangeItBeforeDoingAnythingElse() throws Exception {
    if (!accounts.exists("newbie")) {
      accounts.create("test", "newbie", "新同事", "service", EnumSet.of(StaffMember.Role.STAFF),
          "one-time-password-1", true);
    }
    mvc.perform(get("/api/staff/tickets").with(httpBasic("newbie", "one-time-password-1")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("error.auth.passwordChangeRequired"));
  }

  @Test
  void onlyAdministratorsEditTheRoutingTable() throws Exception {
    String body = "{\"department\":\"municipal\",\"slaHours\":48}";
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/staff/admin/routing/street_light")
            .with(as("zhao")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isForbidden());
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/staff/admin/routing/street_light")
            .with(httpBasic("admin", "admin-test-password")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.slaHours").value(48));
  }
}
