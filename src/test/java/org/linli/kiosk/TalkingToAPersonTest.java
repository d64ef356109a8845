package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * "Talk to a person" is in the same corner on every screen and opens a handoff. The staff reply
 * arriving on the kiosk is tested by the lead once the staff side is merged (see docs/kiosk.md).
 */
class TalkingToAPersonTest extends KioskTestBase {

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

  @Test
  void whenTheServerGivesATicketTheQueueNumberAndWaitAreShownLarge() {
    kiosk.pretendServerIssuesTicket("310027", 5);
    kiosk.click("#nav-person");
    kiosk.waitForScreen("person");
    assertThat(kiosk.text("#queue-number")).isEqualTo("310027");
    assertThat(kiosk.text("#expected-wait")).isEqualTo("大约等 5 分钟");
    Number size = (Number) kiosk.js("return parseFloat(getComputedStyle(document.getElementById('queue-number')).fontSize);");
    assertThat(size.doubleValue()).isGreaterThanOrEqualTo(72);
  }
}
