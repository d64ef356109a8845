package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.linli.care.CareService;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An administrator records a resident's carer (with consent) from the order page or the JSON
 * API, sees who recorded it and when, and revokes it; every step is audited and staff cannot.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class CarerRecordsConsoleTest {

  @Autowired MockMvc mvc;
  @Autowired HandoffService handoff;
  @Autowired ResidentDirectory residents;
  @Autowired CareService care;
  @Autowired JdbcClient jdbc;

  @Test
  void anAdministratorRecordsAndRevokesACarerOnTheOrderPage() throws Exception {
    String resident = residents.residentFor(IdentityKind.PHONE, "13500009999");
    WorkOrder order = handoff.open(new HandoffService.OpenRequest(
        "lift", 2, "电梯坏了", null, null, resident, "sms", null, "resident"));
    var admin = user("admin").roles("ADMIN");
    String back = "/staff/tickets/" + order.number();

    mvc.perform(post("/staff/admin/residents/" + resident + "/proxies").with(csrf()).with(admin)
            .param("phone", "13500001234").param("wechat", "").param("relation", "carer")
            .param("relationOther", "社工").param("consent", "true").param("back", back))
        .andExpect(status().is3xxRedirection());

    String page = mvc.perform(get(back).with(admin)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(page).contains("社工").contains("135****1234").contains("登记人 admin")
        .doesNotContain("13500001234");

    CareService.Proxy proxy = care.proxies(resident).get(0);
    mvc.perform(post("/staff/admin/residents/" + resident + "/proxies/" + proxy.id() + "/revoke")
            .with(csrf()).with(admin).param("back", back))
        .andExpect(status().is3xxRedirection());
    page = mvc.perform(get(back).with(admin)).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("由 admin 撤销");
    assertThat(care.actingFor(proxy.proxyResidentId())).isEmpty();
  }

  @Test
  void theAdminApiRecordsACarerByContactMaskedInItsAnswerAndRevokesIt() throws Exception {
    String resident = residents.residentFor(IdentityKind.PHONE, "13500008765");
    var admin = user("admin").roles("ADMIN");
    String url = "/api/staff/admin/residents/" + resident + "/proxies";

    String made = mvc.perform(post(url).with(csrf()).with(admin).contentType(MediaType.APPLICATION_JSON)
            .content("{\"phone\":\"13500004321\",\"wechatOpenid\":\"oCarerApi000001\",\"relation\":\"spouse\",\"consent\":true}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    assertThat(made).contains("\"relation\":\"spouse\"").contains("135****4321").contains("\"recordedBy\":\"admin\"")
        .doesNotContain("13500004321").doesNotContain("oCarerApi000001");

    String refused = mvc.perform(post(url).with(csrf()).with(admin).contentType(MediaType.APPLICATION_JSON)
            .content("{\"phone\":\"13500004322\",\"relation\":\"spouse\",\"consent\":false}"))
        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    assertThat(refused).contains("consent");
    mvc.perform(post(url).with(csrf()).with(user("wang").roles("STAFF")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"phone\":\"13500004323\",\"relation\":\"spouse\",\"consent\":true}"))
        .andExpect(status().isForbidden());
    assertThat(care.proxies(resident)).hasSize(1);

    long id = care.proxies(resident).get(0).id();
    String revoked = mvc.perform(delete("/api/staff/admin/proxies/" + id).with(csrf()).with(admin))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(revoked).contains("\"revokedBy\":\"admin\"");
    mvc.perform(delete("/api/staff/admin/proxies/" + id).with(csrf()).with(admin))
        .andExpect(status().isBadRequest());

    assertThat(jdbc.sql("select action from audit_event where subject in (?, ?) order by id")
        .params("resident:" + resident, "resident_proxy:" + id).query(String.class).list())
        .containsSubsequence("care.proxy_added", "care.proxy_revoked");
  }
}
