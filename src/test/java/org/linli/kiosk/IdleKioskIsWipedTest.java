package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Privacy in a public hall: left alone, the kiosk warns, then wipes the screen, the conversation
 * and the browser's storage and goes home. Timeouts are seconds here instead of 2 min + 30 s; the
 * warning stays long enough for axe, the style checks and a screenshot on a busy machine.
 */
@TestPropertySource(properties = {"linli.kiosk.idle-timeout=PT3S", "linli.kiosk.idle-warning=PT10S"})
class IdleKioskIsWipedTest extends KioskTestBase {

  private void leaveAnAnswerOnScreen() {
    kiosk.click("#set-theme");
    kiosk.click("[data-service=allowance]");
    kiosk.waitForScreen("answer");
    assertThat(kiosk.text("#answer-text")).contains("80");
    assertThat(kiosk.storedEntries()).isPositive();
  }

  private void waitForWarning() {
    kiosk.waitFor(d -> "true".equals(kiosk.js("return document.body.dataset.idle || null;")));
    assertThat(kiosk.find("#idle").isDisplayed()).isTrue();
  }

  @Test
  void leftAloneTheKioskWarnsThenWipesEverythingAndGoesHome() {
    leaveAnAnswerOnScreen();
    waitForWarning();
    assertThat(kiosk.text("#idle")).contains("您还在用吗").contains("10秒");
    kiosk.screenshot("idle-warning-contrast-zh");

    kiosk.waitFor(
        d ->
            Boolean.TRUE.equals(
                kiosk.js(
                    "return document.body.dataset.ready === 'true' && document.body.dataset.screen === 'home'"
                        + " && !document.getElementById('idle').checkVisibility()"
                        + " && sessionStorage.length + localStorage.length === 0;")));
    assertThat(kiosk.text("body")).doesNotContain("80周岁").doesNotContain("高龄津贴怎么申请");
    assertThat(kiosk.find("html").getDomAttribute("class")).doesNotContain("theme-contrast");
    assertThat(kiosk.storedEntries()).isZero();
    kiosk.screenshot("idle-wiped-home");
  }

  @Test
  void aTouchDuringTheWarningKeepsTheSession() {
    leaveAnAnswerOnScreen();
    waitForWarning();
    kiosk.click("#idle");
    assertThat(kiosk.find("#idle").isDisplayed()).isFalse();
    assertThat(kiosk.screen()).isEqualTo("answer");
    assertThat(kiosk.text("#answer-text")).contains("80");
    assertThat(kiosk.storedEntries()).isPositive();
  }

  @Test
  void theWarningScreenPassesAxeAndElderModeChecks() {
    for (String lang : new String[] {"zh", "en"}) {
      if (lang.equals("en")) {
        kiosk.open();
        kiosk.click("#nav-lang");
        kiosk.waitFor(d -> "en".equals(kiosk.find("html").getDomAttribute("lang")));
      } else {
        kiosk.click("#nav-home");
      }
      for (boolean contrast : new boolean[] {false, true}) {
        for (int size : new int[] {1, 3}) {
          kiosk.setHighContrast(contrast);
          kiosk.setTextSize(size);
          waitForWarning();
          String where = "idle-warning-" + lang + (contrast ? "-contrast" : "-default") + "-size" + size;
          // axe once per theme and once per size, as EveryKioskScreenIsAccessibleTest explains
          if (contrast == (size == 3)) {
            kiosk.assertNoAxeViolations(where);
          }
          kiosk.assertElderModeStyles(where);
          kiosk.screenshot(where);
          kiosk.click("#idle");
        }
      }
    }
  }
}
