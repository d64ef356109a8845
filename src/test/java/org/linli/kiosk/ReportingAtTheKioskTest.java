package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reporting a problem: one question per screen, a keypad for the phone number, a read-back that
 * never shows the number in full, then the case number on screen, on a slip and as a QR code.
 */
class ReportingAtTheKioskTest extends KioskTestBase {

  /** Walks the form up to the read-back; returns the read-back text. */
  private String reportBrokenLiftUpToReadBack() {
    kiosk.click("#go-report");
    kiosk.waitForScreen("report-what");
    assertThat(kiosk.text(".step")).isEqualTo("第1步，共3步");
    kiosk.type("#report-input", "电梯坏了");
    kiosk.click("#report-next");

    kiosk.waitForScreen("report-where");
    assertThat(kiosk.text("#screen")).contains("什么地方");
    kiosk.type("#report-input", "幸福小区3号楼2单元");
    kiosk.click("#report-next");

    kiosk.waitForScreen("report-phone");
    for (char digit : "13812345678".toCharArray()) {
      kiosk.click("#keypad [data-key='" + digit + "']");
    }
    assertThat(kiosk.text("#phone-display")).isEqualTo("138 1234 5678");
    kiosk.click("#keypad [data-key=delete]");
    kiosk.click("#keypad [data-key='8']");
    kiosk.click("#report-next");

    kiosk.waitForScreen("report-confirm");
    return kiosk.text("#readback");
  }

  @Test
  void theReadBackSummarisesTheReportAndMasksThePhoneNumber() {
    String readBack = reportBrokenLiftUpToReadBack();

    assertThat(readBack).contains("电梯坏了").contains("幸福小区3号楼2单元").contains("138****5678");
    assertThat(kiosk.text("body")).doesNotContain("13812345678");
    assertThat(kiosk.findAll("#confirm-yes")).hasSize(1);
    assertThat(kiosk.findAll("#confirm-no")).hasSize(1);
  }

  @Test
  void confirmingSendsTheReport() {
    reportBrokenLiftUpToReadBack();
    kiosk.click("#confirm-yes");
    kiosk.waitForScreen("report-sent");

    assertThat(kiosk.text("#sent-text")).contains("记下");
    // the work order's real, speakable six-digit number
    assertThat(kiosk.find("#case-number").getText()).matches("\\d{6}");
    assertThat(kiosk.text("body")).doesNotContain("13812345678");
  }

  @Test
  void anEmergencyInTheMiddleOfAReportIsShownAsSuchNotAsAFormStep() {
    kiosk.click("#go-report");
    kiosk.waitForScreen("report-what");
    kiosk.type("#report-input", "电梯坏了");
    kiosk.click("#report-next");
    kiosk.waitForScreen("report-where");
    kiosk.type("#report-input", "闻到很大的煤气味");
    kiosk.click("#report-next");

    kiosk.waitForScreen("reply");
    assertThat(kiosk.text("#reply-text")).contains("119");
  }

  @Test
  void sayingTheReadBackIsWrongStartsTheFormAgain() {
    reportBrokenLiftUpToReadBack();
    kiosk.click("#confirm-no");
    kiosk.waitForScreen("report-what");
    assertThat(kiosk.text("#screen")).contains("重新");
  }

  @Test
  void theCaseNumberIsShownLargeWithAQrCodeAndAPrintableSlip() {
    reportBrokenLiftUpToReadBack();
    kiosk.click("#confirm-yes");
    kiosk.waitForScreen("report-sent");

    String number = kiosk.text("#case-number");
    assertThat(number).matches("\\d{6}");
    Number caseSize = (Number) kiosk.js("return parseFloat(getComputedStyle(document.getElementById('case-number')).fontSize);");
    assertThat(caseSize.doubleValue()).isGreaterThanOrEqualTo(72);
    kiosk.waitFor(d -> ((Number) kiosk.js("return document.getElementById('case-qr').naturalWidth;")).intValue() > 0);
    assertThat(kiosk.find("#case-qr").getDomAttribute("alt")).contains(number);
    kiosk.screenshot("report-sent-with-case");

    // On paper only the slip is printed, in large type, with the QR code.
    kiosk.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      assertThat(kiosk.find("#screen").isDisplayed()).isFalse();
      assertThat(kiosk.find("#slip").isDisplayed()).isTrue();
      assertThat(kiosk.text("#slip-case")).isEqualTo(number);
      Number slipSize = (Number) kiosk.js("return parseFloat(getComputedStyle(document.getElementById('slip-case')).fontSize);");
      assertThat(slipSize.doubleValue()).isGreaterThanOrEqualTo(60); // 60pt = 80px
      assertThat(kiosk.text("#slip")).doesNotContain("1381234");
      kiosk.screenshot("report-slip-print");
    } finally {
      kiosk.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }
  }
}
