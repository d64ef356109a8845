package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Talk to a person" is in the same corner on every screen and opens a handoff: the resident sees
 * the real case number large, and a staff member's reply arrives on the kiosk like a chat.
 */
class TalkingToAPersonTest extends KioskTestBase {

  static final Actor XIAO_WANG = new Actor("wang", "小王", "service", false);

  @Autowired HandoffService handoff;

  @Test
  void aStaffReplyArrivesOnTheKioskLikeAChatMessage() {
    kiosk.click("#nav-person");
    kiosk.waitForScreen("person");
    String number = kiosk.waitFor(d -> {
      String n = kiosk.findAll("#queue-number").isEmpty() ? "" : kiosk.text("#queue-number");
      return n.matches("\\d{6}") ? n : null;
    });

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
