package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.linli.care.CareService;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.TurnOutcome;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a resident waiting for a person is told: their place and the wait, a callback time outside
 * the staffed hours an administrator set, or a priority callback when they need extra help.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    // a context of its own: these tests change the staffed hours
    properties = "linli.handoff.handling-time=PT7M")
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class StaffedHoursTest {

  static final Actor ADMIN = new Actor("admin", "admin", null, true);

  @Autowired ConversationPort conversations;
  @Autowired HandoffService handoff;
  @Autowired ResidentDirectory residents;
  @Autowired CareService care;

  private TurnOutcome askForAPerson(String phone) {
    return conversations.handle(new InboundMessage(
        Channel.SMS, null, phone, "sms-" + System.nanoTime(), "人工", null, Instant.now()));
  }

  private static String text(TurnOutcome outcome) {
    return String.join(" ", outcome.replies().stream().map(r -> r.text()).toList());
  }

  @Test
  void aCallerAskingForAPersonOutsideStaffedHoursBecomesACallbackTaskForStaff() {
    DayOfWeek today = Instant.now().atZone(ZoneId.of("Asia/Shanghai")).getDayOfWeek();
    handoff.setStaffing(ADMIN, new HandoffService.Staffing(
        EnumSet.complementOf(EnumSet.of(today)), LocalTime.of(8, 30), LocalTime.of(17, 30)));

    TurnOutcome outcome = conversations.handle(new InboundMessage(
        Channel.VOICE, null, "13600007777", "call-" + System.nanoTime(), "人工", null, Instant.now()));

    assertThat(handoff.history(Actor.SYSTEM, outcome.handoff().ticketId()))
        .extracting(HistoryEntry::type)
        .contains("callback_task");
  }

  @Test
  void outsideStaffedHoursTheResidentIsToldWhenSomeoneWillCallBack() {
    DayOfWeek today = Instant.now().atZone(ZoneId.of("Asia/Shanghai")).getDayOfWeek();
    EnumSet<DayOfWeek> otherDays = EnumSet.complementOf(EnumSet.of(today));
    handoff.setStaffing(ADMIN, new HandoffService.Staffing(otherDays, LocalTime.of(8, 30), LocalTime.of(17, 30)));

    TurnOutcome outcome = askForAPerson("13600001111");

    assertThat(text(outcome)).contains("不是工作时间").contains("8:30").contains(outcome.handoff().ticketId());
  }

  @Test
  void duringStaffedHoursTheResidentHearsTheirPlaceAndAResidentNeedingHelpGetsACallback() {
    handoff.setStaffing(ADMIN, new HandoffService.Staffing(
        EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.of(23, 59, 59, 999_999_999)));
    askForAPerson("13600002222");

    String queued = text(askForAPerson("13600003333"));
    String helped = "13600004444";
    care.recordSupport("admin", residents.residentFor(IdentityKind.PHONE, helped), "aged_80_plus", true, null);
    String callback = text(askForAPerson(helped));

    assertThat(queued).containsPattern("您前面还有 \\d+ 位，预计等待约 \\d+ 分钟");
    assertThat(callback).contains("优先安排工作人员给您回电话");
  }
}
