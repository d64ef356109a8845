package org.linli.security;

import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first administrator, {@code admin}, on first start: with the password in
 * LINLI_ADMIN_PASSWORD, or else with a generated one-time password printed once in the start-up
 * log, which must be changed at first login. The service always starts. (An event listener, not
 * an ApplicationRunner: a runner would silently turn off the shell.)
 */
@Component
@ConditionalOnWebApplication
class AdminBootstrap {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final StaffAccounts accounts;
  private final String configuredPassword;

  AdminBootstrap(StaffAccounts accounts, @Value("${linli.security.admin-password:}") String configuredPassword) {
    this.accounts = accounts;
    this.configuredPassword = configuredPassword;
  }

  @EventListener(ApplicationStartedEvent.class)
  void createFirstAdmin() {
    if (accounts.exists("admin")) {
      return;
    }
    boolean generated = configuredPassword == null || configuredPassword.isBlank();
    String password = generated ? accounts.generatePassword() : configuredPassword;
    try {
      accounts.create("system", "admin", "Administrator", null, EnumSet.of(StaffMember.Role.ADMIN), password, generated);
    } catch (IllegalArgumentException e) {
      log.error("event=admin_not_created reason=\"LINLI_ADMIN_PASSWORD is too short (at least 10 characters)\"");
      return;
    } catch (org.springframework.dao.DuplicateKeyException otherNode) {
      return;
    }
    if (generated) {
      // printed once, on the first start only; the admin must change it at first login
      log.warn(
          "event=admin_created user=admin one_time_password={} note=\"change it at first login at /staff\"",
          password);
    } else {
      log.info("event=admin_created user=admin password=from LINLI_ADMIN_PASSWORD");
    }
  }
}
