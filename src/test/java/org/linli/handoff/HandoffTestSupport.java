package org.linli.handoff;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.linli.channels.OutboundMessage;
import org.linli.channels.OutboundSender;
import org.linli.dialog.Channel;
import org.linli.dialog.DialogueEngine;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Test beans: the scripted engine and a recording SMS sender that can be told to fail. */
@TestConfiguration(proxyBeanMethods = false)
class HandoffTestSupport {

  static final String PASSWORD = "correct-horse-battery";

  @Bean
  @Primary
  DialogueEngine scriptedEngine() {
    return new ScriptedDialogueEngine();
  }

  @Bean
  RecordingSender recordingSmsSender() {
    return new RecordingSender();
  }

  /** Records what it is asked to send; fails the next {@code failures} calls. */
  static final class RecordingSender implements OutboundSender {
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    final List<String> attempts = new CopyOnWriteArrayList<>();
    volatile int failures;

    @Override
    public Channel channel() {
      return Channel.SMS;
    }

    @Override
    public void send(OutboundMessage message) {
      attempts.add(message.idempotencyKey());
      if (failures > 0) {
        failures--;
        throw new IllegalStateException("provider unavailable");
      }
      sent.add(message);
    }
  }

  /** Staff of two departments and a supervisor (created once per context). */
  static void staff(StaffAccounts accounts) {
    create(accounts, "wang", "王师傅", "service", StaffMember.Role.STAFF);
    create(accounts, "li", "李师傅", "property", StaffMember.Role.STAFF);
    create(accounts, "zhao", "赵主任", null, StaffMember.Role.SUPERVISOR);
  }

  private static void create(StaffAccounts accounts, String user, String name, String dept, StaffMember.Role role) {
    if (!accounts.exists(user)) {
      accounts.create("test", user, name, dept, EnumSet.of(role), PASSWORD, false);
    }
  }
}
