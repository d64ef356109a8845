package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Talk to a person" is in the same corner on every screen and opens a handoff: the resident sees
 * the real case number large, their place in the queue and the expected wait (or, outside staffed
 * hours, when staff are back), and a staff member's reply arrives on the kiosk like a chat. Staff
 * can also join a resident's kiosk session from the console.
 */
class TalkingToAPersonTest extends KioskTestBase {

  static final Actor XIAO_WANG = new Actor("wang", "小王", "service", false);

  static final Actor ADMIN = new Actor("admin", "admin", null, true);

  @Autowired HandoffService handoff;
  @Autowired StaffAccounts accounts;
  @Autowired JdbcClient jdbc;

  private HandoffService.Staffing staffing;

  /** Staffed around the clock, so the wait is shown whenever the test runs; restored afterwards. */
  @BeforeEach
  void staffedAllDay() {
    staffing = handoff.staffing();
    handoff.setStaffing(ADMIN, new HandoffService.Staffing(
        EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.of(23, 59, 59)));
  }

  @AfterEach
  void restoreStaffing() {
    handoff.setStaffing(ADMIN, staffing);
  }

  private String waitForQueueNumber() {
    return kiosk.waitFor(d -> {
      String n = kiosk.findAll("#queue-number").isEmpty() ? "" : kiosk.text("#queue-number");
      return n.matches("\\d{6}") ? n : null;
    });
  }

  @Test
  void theQueueNumberPlaceAndExpectedWaitAreShownLargeAndFollowTheQueue() {
    kiosk.click("#nav-person");
    kiosk.waitForScreen("person");
    String number = waitForQueueNumber();

    var info = handoff.queueInfo(handoff.byNumber(number).orElseThrow());
    assertThat(kiosk.text("#expected-wait")).isEqualTo("大约等 " + info.expectedWaitMinutes() + " 分钟");
    int ahead = info.position() - 1;
    assertThat(kiosk.text("#queue-position")).isEqualTo(ahead > 0 ? "前面还有 " + ahead + " 人" : "下一个就轮到您了");
    Number size =
        (Number) kiosk.js("return parseFloat(getComputedStyle(document.getElementById('expected-wait')).fontSize);");
    assertThat(size.doubleValue()).as("the wait is in large type").isGreaterThanOrEqualTo(40);

    // someone ahead is served: the kiosk follows the queue while the resident waits
    jdbc.sql("update work_order set status = 'closed' where status = 'new' and number <> ?").param(number).update();
    kiosk.waitFor(d -> kiosk.text("#queue-position").equals("下一个就轮到您了") ? Boolean.TRUE : null);
    kiosk.assertNoAxeViolations("person-queue");
    kiosk.screenshot("person-queue-place");
  }

  @Test
  void outsideStaffedHoursTheKioskSaysWhenStaffAreBackInsteadOfAWait() {
    DayOfWeek today = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).getDayOfWeek();
    handoff.setStaffing(ADMIN, new HandoffService.Staffing(
        EnumSet.complementOf(EnumSet.of(today)), LocalTime.of(8, 30), LocalTime.of(17, 30)));

    // the kiosk shows times in its own clock's zone: the hall's
    kiosk.driver.executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", "Asia/Shanghai"));
    kiosk.click("#nav-person");
    kiosk.waitForScreen("person");
    waitForQueueNumber();

    assertThat(kiosk.text("#callback-from")).startsWith("现在不是工作时间").contains("08:30");
    assertThat(kiosk.findAll("#expected-wait")).isEmpty();
    kiosk.assertNoAxeViolations("person-callback");
    kiosk.screenshot("person-callback");
  }

  @Test
  void staffJoinAKioskSessionFromTheConsoleAndTheirMessageAppearsOnTheKiosk() {
    if (!accounts.exists("hall-zhang")) {
      accounts.create("test", "hall-zhang", "张姐", "service", EnumSet.of(StaffMember.Role.STAFF), "correct-horse-battery", false);
    }
    kiosk.click("[data-service=allowance]");
    kiosk.waitForScreen("answer");
    String conversationId = (String) kiosk.js("return JSON.parse(sessionStorage.getItem('linli.kiosk')).conversationId;");
    String kioskTab = kiosk.driver.getWindowHandle();

    // the member of staff, in the console in another tab
    kiosk.driver.switchTo().newWindow(WindowType.TAB);
    String consoleTab = kiosk.driver.getWindowHandle();
    try {
      kiosk.driver.get("http://localhost:" + port + "/login");
      kiosk.type("#username", "hall-zhang");
      kiosk.type("#password", "correct-horse-battery");
      kiosk.find("#password").submit();
      kiosk.waitFor(d -> d.getCurrentUrl().contains("/staff"));
      kiosk.driver.get("http://localhost:" + port + "/staff/kiosks");
      assertThat(kiosk.text("#kiosk-sessions")).contains(conversationId.substring(0, 8)).doesNotContain("高龄津贴怎么申请");
      kiosk.find("[data-session='" + conversationId + "'] button[type=submit]").click();
      kiosk.waitFor(d -> d.getCurrentUrl().contains("/staff/tickets/"));
      kiosk.type("#reply-text", "您好，我是张姐，就在您旁边，我来帮您办。");
      kiosk.find("#reply-text").findElement(By.xpath("ancestor::form")).submit();
      kiosk.waitFor(d -> d.getPageSource().contains("就在您旁边"));
    } finally {
      kiosk.driver.close();
      kiosk.driver.switchTo().window(kioskTab);
    }
    assertThat(consoleTab).isNotEqualTo(kioskTab);

    // the resident, still on the answer screen, is taken to the conversation with staff
    kiosk.waitForScreen("person");
    kiosk.waitFor(d -> kiosk.text("#chat").contains("就在您旁边") ? Boolean.TRUE : null);
    assertThat(kiosk.find("#chat li.staff").getDomAttribute("data-author")).isEqualTo("staff");
    kiosk.screenshot("person-staff-joined");
  }

  @Test
  void aStaffReplyArrivesOnTheKioskLikeAChatMessage() {
    kiosk.click("#nav-person");
    kiosk.waitForScreen("person");
    String number = waitForQueueNumber();

    Number size =
        (Number) kiosk.js("return parseFloat(getComputedStyle(document.getElementById('queue-number')).fontSize);");
    assertThat(size.doubleValue()).as("the case number is shown large").isGreaterThanOrEqualTo(72);

    handoff.claim(XIAO_WANG, number);
    handoff.reply(XIAO_WANG, number, "您好，我是社区的小王，马上过来帮您。");

    kiosk.waitFor(d -> kiosk.text("#chat").contains("马上过来帮您") ? Boolean.TRUE : null);
    kiosk.screenshot("person-staff-reply");
  }

  @Test
  void thePersonButtonIsInTheSameCornerOnEveryScreen() {
    var home = kiosk.find("#nav-person").getRect();
    kiosk.click("#go-ask");
    kiosk.waitForScreen("ask");
    assertThat(kiosk.find("#nav-person").getRect()).isEqualTo(home);
    kiosk.click("[data-service], #common-questions button");
    kiosk.waitForScreen("answer");
    assertThat(kiosk.find("#nav-person").getRect()).isEqualTo(home);
    assertThat(kiosk.find("#nav-back").getRect().getX()).isEqualTo(kiosk.find("#nav-back").getRect().getX());
  }

  @Test
  void touchingItAsksForAPersonAndSaysToWait() {
    kiosk.click("#nav-person");
    kiosk.waitForScreen("person");
    assertThat(kiosk.text("#screen")).contains("工作人员");
    assertThat(kiosk.findAll("#chat")).hasSize(1);
    assertThat(kiosk.findAll("#person-input")).hasSize(1);
  }

}
