package org.linli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Without LINLI_ADMIN_PASSWORD the service still starts: the first administrator gets a one-time
 * password printed once in the log, and must change it before doing anything else.
 */
@SpringBootTest(properties = "linli.security.admin-password=")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class FirstAdministratorTest {

  @Autowired MockMvc mvc;
  @Autowired StaffAccounts accounts;

  @Test
  void theFirstAdministratorGetsAOneTimePasswordPrintedOnceThatMustBeChanged(CapturedOutput output)
      throws Exception {
    String password = passwordIn(output.getAll());
    assertThat(password).as("the start-up log prints the one-time password").isNotBlank();
    assertThat(output.getAll().split("one_time_password=", -1)).hasSize(2);
    StaffMember admin = accounts.find("admin").orElseThrow();
    assertThat(admin.admin()).isTrue();
    assertThat(admin.mustChangePassword()).isTrue();

    mvc.perform(get("/api/staff/tickets").with(httpBasic("admin", password)))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("error.auth.passwordChangeRequired"));
    String chosen = "a-much-better-passphrase";
    accounts.changePassword("admin", chosen);
    mvc.perform(get("/api/staff/tickets").with(httpBasic("admin", chosen))).andExpect(status().isOk());
    mvc.perform(get("/api/staff/tickets").with(httpBasic("admin", password))).andExpect(status().isUnauthorized());
  }

  @Test
  void aOneTimePasswordOnlyLetsTheAdministratorChangeIt() throws Exception {
    if (!accounts.exists("admin2")) {
      accounts.create("test", "admin2", "Admin 2", null,
          java.util.EnumSet.of(StaffMember.Role.ADMIN), "one-time-123456", true);
    }
    mvc.perform(get("/api/staff/tickets").with(httpBasic("admin2", "one-time-123456")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("error.auth.passwordChangeRequired"));
    mvc.perform(get("/staff").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
            .user(accounts.loadUserByUsername("admin2"))))
        .andExpect(status().is3xxRedirection());
  }

  static String passwordIn(String log) {
    Matcher m = Pattern.compile("one_time_password=(\\S+)").matcher(log);
    return m.find() ? m.group(1) : null;
  }
}
