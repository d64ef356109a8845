package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A resident asks at the kiosk and gets a short answer with the document it comes from. */
class AskingAtTheKioskTest extends KioskTestBase {

  @Test
  void touchingTheElderlyAllowancePictureGivesAShortAnswerWithItsSource() {
    kiosk.click("[data-service=allowance]");
    kiosk.waitForScreen("answer");

    assertThat(kiosk.text("h1")).isEqualTo("高龄津贴怎么申请");
    assertThat(kiosk.text("#answer-text")).contains("80");
    assertThat(kiosk.find("[data-doc=elderly-allowance]").getText()).isEqualTo("来源：《高龄津贴申领》");
    assertThat(kiosk.findAll("#answer-helped")).hasSize(1);
    assertThat(kiosk.findAll("#answer-not-helped")).hasSize(1);

    kiosk.click("#answer-more");
    kiosk.waitForScreen("detail");
    assertThat(kiosk.text("#screen")).contains("谁可以申请").contains("来源：《高龄津贴申领》");

    kiosk.click("#nav-back");
    kiosk.waitForScreen("answer");
    kiosk.click("#nav-home");
    kiosk.waitForScreen("home");
    kiosk.assertNoConsoleErrors();
  }

  @Test
  void homeOffersAtMostSixPicturesAndEveryServiceIsStillReachable() {
    for (String screen : new String[] {"home", "services"}) {
      if (screen.equals("services")) {
        kiosk.click("#go-services");
        kiosk.waitForScreen("services");
      }
      // every choice on the screen itself (the top and bottom bars are the same on every screen)
      var choices = kiosk.findAll("#screen button");
      assertThat(choices).as(screen).hasSizeBetween(1, 6);
      for (var choice : choices) {
        assertThat(choice.findElements(org.openqa.selenium.By.cssSelector(".icon"))).as(screen + " picture").hasSize(1);
        assertThat(choice.findElement(org.openqa.selenium.By.cssSelector(".label")).getText()).as(screen + " word").isNotBlank();
      }
    }
    assertThat(kiosk.findAll("#more-services [data-service]")).extracting(e -> e.getDomAttribute("data-service"))
        .containsExactly("residence", "canteen", "outage");
    kiosk.click("[data-service=residence]");
    kiosk.waitForScreen("answer");
    assertThat(kiosk.text("h1")).isEqualTo("居住证怎么办理");
    kiosk.click("#nav-back");
    kiosk.waitForScreen("services");
    kiosk.click("#nav-home");
    kiosk.waitForScreen("home");
    assertThat(kiosk.findAll("#services [data-service]")).extracting(e -> e.getDomAttribute("data-service"))
        .containsExactly("allowance", "medical", "dibao");
    assertThat(kiosk.findAll("#services #go-ask, #services #go-report")).hasSize(2);
  }

  @Test
  void aTypedQuestionIsAnsweredFromTheKnowledgeBase() {
    kiosk.click("#go-ask");
    kiosk.waitForScreen("ask");
    assertThat(kiosk.findAll("#common-questions button")).hasSizeLessThanOrEqualTo(6);
    kiosk.type("#ask-input", "低保怎么申请");
    kiosk.click("#ask-submit");
    kiosk.waitForScreen("answer");

    assertThat(kiosk.find("[data-doc=minimum-living-allowance]").getText()).contains("最低生活保障");
  }

  @Test
  void englishIsOneTapAwayAndEveryElementSaysWhichLanguageItIsIn() {
    assertThat(kiosk.find("html").getDomAttribute("lang")).isEqualTo("zh-CN");
    assertThat(kiosk.find("#nav-lang").getDomAttribute("lang")).isEqualTo("en");

    kiosk.click("#nav-lang");
    kiosk.waitFor(d -> "en".equals(kiosk.find("html").getDomAttribute("lang")));
    assertThat(kiosk.find("#nav-lang").getDomAttribute("lang")).isEqualTo("zh-CN");
    assertThat(kiosk.text("h1")).isEqualTo("Hello! What can we help you with?");

    kiosk.click("[data-service=allowance]");
    kiosk.waitForScreen("answer");
    assertThat(kiosk.find("#answer-text").getText()).contains("80");
    assertThat(kiosk.find("[data-doc=en-elderly-allowance]").getText()).startsWith("Source: ");
    assertThat(kiosk.find("#answer-text").findElement(org.openqa.selenium.By.xpath("ancestor::*[@lang][1]")).getDomAttribute("lang"))
        .isEqualTo("en");
  }

  @Test
  void inEnglishATopicWithOnlyAChineseDocumentIsAnsweredInChineseAndSaysSo() {
    kiosk.click("#nav-lang");
    kiosk.waitFor(d -> "en".equals(kiosk.find("html").getDomAttribute("lang")));
    kiosk.click("[data-service=dibao]");
    kiosk.waitForScreen("answer");

    assertThat(kiosk.find("[data-doc=minimum-living-allowance]").getText()).startsWith("Source: ");
    assertThat(kiosk.text("#only-chinese")).contains("only available in Chinese");
    assertThat(kiosk.find("#answer-text").findElement(org.openqa.selenium.By.xpath("ancestor::*[@lang][1]")).getDomAttribute("lang"))
        .isEqualTo("zh-CN");
    kiosk.assertNoAxeViolations("answer-only-chinese");
    kiosk.assertElderModeStyles("answer-only-chinese");
    kiosk.screenshot("answer-en-only-chinese");
  }
}
