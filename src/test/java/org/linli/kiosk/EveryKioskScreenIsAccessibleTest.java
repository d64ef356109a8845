package org.linli.kiosk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kiosk screen, in both languages, both themes and at 100% and 200% text: no visible text
 * under 24px, headings 40px and up, line height 1.5, every touch target 60x60 and nothing wider
 * than the screen in each of the four combinations; zero axe-core violations (WCAG 2.0/2.1/2.2 A
 * and AA, target-size, and 7:1 contrast) in each theme and at each text size. A screenshot of each
 * combination is kept under target/kiosk-screenshots.
 *
 * <p>axe runs twice per screen, not four times: default theme at 100% and high contrast at 200%.
 * The theme changes only colours and the text size only layout. All kiosk text is 24px or more,
 * which WCAG counts as large text at either size, so a theme's contrast result does not depend on
 * the size; the layout rules (target size, scrollable regions, reflow) see both sizes. The cheap
 * layout checks above, which are stricter than axe's for targets, still run in all four.
 */
class EveryKioskScreenIsAccessibleTest extends KioskTestBase {

  private String lang;

  private void check(String screen) {
    kiosk.waitForScreen(screen);
    for (boolean contrast : new boolean[] {false, true}) {
      for (int size : new int[] {1, 3}) {
        kiosk.setHighContrast(contrast);
        kiosk.setTextSize(size);
        String where = screen + "-" + lang + (contrast ? "-contrast" : "-default") + "-size" + size;
        kiosk.assertElderModeStyles(where);
        if (contrast == (size == 3)) {
          kiosk.assertNoAxeViolations(where);
        }
        kiosk.screenshot(where);
      }
    }
    kiosk.setHighContrast(false);
    kiosk.setTextSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void everyScreenPassesInThisLanguage(String language) {
    lang = language;
    if (language.equals("en")) {
      kiosk.click("#nav-lang");
      kiosk.waitFor(d -> "en".equals(kiosk.find("html").getDomAttribute("lang")));
    }
    check("home");

    kiosk.click("#go-services");
    check("services");
    kiosk.click("#nav-home");
    kiosk.waitForScreen("home");

    kiosk.click("#go-ask");
    check("ask");

    kiosk.click("[data-service], #common-questions button");
    check("answer");
    kiosk.click("#answer-more");
    check("detail");
    kiosk.click("#answer-not-helped");
    check("reply");

    kiosk.click("#nav-home");
    kiosk.click("#go-ask");
    kiosk.waitForScreen("ask");
    kiosk.type("#ask-input", language.equals("en") ? "hello" : "你好");
    kiosk.click("#ask-submit");
    kiosk.waitFor(d -> "reply".equals(kiosk.screen()) && !kiosk.findAll("#screen .choices button").isEmpty());
    check("reply");

    kiosk.click("#nav-home");
    kiosk.click("#go-report");
    check("report-what");
    kiosk.type("#report-input", language.equals("en") ? "The lift is broken" : "电梯坏了");
    kiosk.click("#report-next");
    check("report-where");
    kiosk.type("#report-input", language.equals("en") ? "Sunshine Garden building 5" : "幸福小区3号楼2单元");
    kiosk.click("#report-next");
    kiosk.waitForScreen("report-phone");
    for (char digit : "1391234".toCharArray()) {
      kiosk.click("#keypad [data-key='" + digit + "']");
    }
    check("report-phone");
    for (char digit : "5678".toCharArray()) {
      kiosk.click("#keypad [data-key='" + digit + "']");
    }
    kiosk.click("#report-next");
    check("report-confirm");
    kiosk.pretendServerIssuesTicket("240101", 5);
    kiosk.click("#confirm-yes");
    check("report-sent");

    kiosk.click("#nav-person");
    check("person");
    kiosk.assertNoConsoleErrors();
  }
}
