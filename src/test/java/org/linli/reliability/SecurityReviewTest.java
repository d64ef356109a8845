package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What a security reviewer checks on the staff side and the resident-facing API: CSRF on every
 * form, strict security headers, a new session id at login, and slow, audited password guessing.
 */
@SpringBootTest(properties = {
    "linli.rate-limit.policies.login-user.capacity=3",
    "linli.rate-limit.policies.login-user.period=PT1H"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class SecurityReviewTest {

  static final String PASSWORD = "correct-horse-battery";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired StaffAccounts accounts;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @BeforeEach
  void staff() {
    for (String name : List.of("guesswho", "chen", "sun")) {
      if (!accounts.exists(name)) {
        accounts.create("test", name, name, "service", EnumSet.of(StaffMember.Role.STAFF), PASSWORD, false);
      }
    }
  }

  @Test
  void everyStateChangingConsoleFormIsRefusedWithoutACsrfToken() throws Exception {
    List<String> checked = new ArrayList<>();
    for (var entry : mappings.getHandlerMethods().entrySet()) {
      for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
        if (method == RequestMethod.GET || method == RequestMethod.HEAD || method == RequestMethod.OPTIONS) {
          continue;
        }
        for (String pattern : entry.getKey().getPatternValues()) {
          if (pattern.startsWith("/api/") || pattern.startsWith("/channels/") || pattern.startsWith("/open311/")) {
            continue; // stateless JSON APIs: no cookies, no CSRF to ride on
          }
          String path = pattern.replaceAll("\\{[^}]+}", "000001");
          mvc.perform(request(HttpMethod.valueOf(method.name()), path)
                  .with(user("admin").roles("ADMIN"))
                  .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("text", "x"))
              .andExpect(status().isForbidden());
          checked.add(method + " " + pattern);
        }
      }
    }
    for (String path : List.of("/login", "/logout")) {
      mvc.perform(post(path).with(user("admin").roles("ADMIN"))).andExpect(status().isForbidden());
      checked.add("POST " + path);
    }
    assertThat(checked).contains("POST /staff/tickets/{number}/reply", "POST /staff/password", "POST /login")
        .hasSizeGreaterThan(10);
  }

  private static void strictHeaders(ResultActions result) throws Exception {
    result
        .andExpect(header().string("Content-Security-Policy", Matchers.containsString("frame-ancestors 'none'")))
        .andExpect(header().string("Content-Security-Policy", Matchers.not(Matchers.containsString("unsafe-inline"))))
        .andExpect(header().string("Content-Security-Policy", Matchers.not(Matchers.containsString("unsafe-eval"))))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(header().string("X-Frame-Options", "DENY"));
  }

  @Test
  void theLoginPageTheConsoleAndTheChatApiSendStrictSecurityHeaders() throws Exception {
    strictHeaders(mvc.perform(get("/login")).andExpect(status().isOk())
        .andExpect(header().string("Content-Security-Policy", Matchers.containsString("script-src 'self'"))));
    strictHeaders(mvc.perform(get("/staff/login")));
    strictHeaders(mvc.perform(get("/staff").with(user("chen").roles("STAFF"))).andExpect(status().isOk()));
    strictHeaders(mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON)
        .content("{\"text\":\"高龄津贴\"}")).andExpect(status().isOk()));
    strictHeaders(mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON)
        .content("{")).andExpect(status().isBadRequest()));
    strictHeaders(mvc.perform(get("/api/staff/tickets").with(httpBasic("chen", PASSWORD))).andExpect(status().isOk())
        .andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'none'"))));
  }

  @Test
  void theSessionIdChangesAtLogin() throws Exception {
    // sessions are kept by Spring Session (in the database, shared by all nodes): cookie SESSION
    jakarta.servlet.http.Cookie before =
        mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse().getCookie("SESSION");
    assertThat(before).isNotNull();

    jakarta.servlet.http.Cookie after =
        mvc.perform(post("/login").cookie(before).with(csrf()).param("username", "sun").param("password", PASSWORD))
            .andExpect(status().is3xxRedirection())
            .andExpect(redirectedUrl("/staff"))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");

    assertThat(after).isNotNull();
    assertThat(after.getValue()).isNotEqualTo(before.getValue());
  }

  private ResultActions login(String user, String password, String from) throws Exception {
    return mvc.perform(post("/login").with(csrf()).with(r -> { r.setRemoteAddr(from); return r; })
        .param("username", user).param("password", password));
  }

  private int audited(String action, String user) {
    return jdbc.sql("select count(*) from audit_event where action = ? and subject = ?")
        .params(action, "staff_user:" + user).query(Integer.class).single();
  }

  @Test
  void passwordGuessingIsAuditedAndSlowedDownPerUserName() throws Exception {
    for (int i = 0; i < 3; i++) {
      login("guesswho", "wrong-password-" + i, "203.0.113." + i).andExpect(redirectedUrl("/login?error"));
    }
    assertThat(audited("auth.login_failed", "guesswho")).isEqualTo(3);
    assertThat(jdbc.sql("select detail from audit_event where action = 'auth.login_failed' and subject = ?"
        + " order by id fetch first 1 rows only").param("staff_user:guesswho").query(String.class).single())
        .contains("address=203.0.113.0").doesNotContain("wrong-password");

    // even the right password is refused now, from any address, in the console and the API
    login("guesswho", PASSWORD, "198.51.100.1").andExpect(redirectedUrl("/login?throttled"));
    mvc.perform(get("/api/staff/tickets").with(httpBasic("guesswho", PASSWORD)))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"));
    assertThat(audited("auth.login_throttled", "guesswho")).isEqualTo(2);

    // other staff are not affected
    login("chen", PASSWORD, "203.0.113.0").andExpect(redirectedUrl("/staff"));
  }

  @Test
  void aPasswordTypedIntoTheUserNameFieldIsNeverWrittenDown() throws Exception {
    login("my secret pw!", "x", "192.0.2.50").andExpect(redirectedUrl("/login?error"));
    assertThat(jdbc.sql("select count(*) from audit_event where subject like '%secret%' or detail like '%secret%'")
        .query(Integer.class).single()).isZero();
    assertThat(audited("auth.login_failed", "(invalid)")).isGreaterThanOrEqualTo(1);
  }
}
