package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.security.StaffAccounts;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Every console page offers 中文 / English; the choice changes the words and the page's {@code lang},
 * and is remembered (a cookie) on the next pages and visits, whatever the browser asks for.
 */
// staffed around the clock only to share HumanHandoffEndToEndTest's Spring context
@StaffedAroundTheClockTest
class ConsoleLanguageSwitchTest {

  @Autowired MockMvc mvc;
  @Autowired StaffAccounts accounts;
  @LocalServerPort int port;

  @BeforeEach
  void staff() {
    HandoffTestSupport.staff(accounts);
  }

  @Test
  void choosingEnglishOnAChineseConsoleSwitchesTheTextAndLangAndIsRemembered() throws Exception {
    String chinese = mvc.perform(get("/staff").with(user("wang").roles("STAFF")).header("Accept-Language", "zh-CN"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(chinese).contains("<html lang=\"zh\"").contains("工单队列")
        .contains("href=\"?lang=en\" lang=\"en\" hreflang=\"en\"");

    MvcResult switched = mvc.perform(get("/staff").param("lang", "en")
            .with(user("wang").roles("STAFF")).header("Accept-Language", "zh-CN"))
        .andExpect(status().isOk()).andReturn();
    assertThat(switched.getResponse().getContentAsString()).contains("<html lang=\"en\"").contains("Queue")
        .doesNotContain("工单队列");
    Cookie remembered = switched.getResponse().getCookie("linli-lang");
    assertThat(remembered).isNotNull();
    assertThat(remembered.getMaxAge()).isGreaterThan(30 * 24 * 3600);

    // the next page, with the cookie, stays English although the browser still asks for Chinese
    String next = mvc.perform(get("/staff/mine").cookie(remembered)
            .with(user("wang").roles("STAFF")).header("Accept-Language", "zh-CN"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(next).contains("<html lang=\"en\"").contains("My orders");
  }

  @Test
  void theLoginPageHasTheSwitchAndAnUnknownLanguageChangesNothing() throws Exception {
    String login = mvc.perform(get("/login").param("lang", "en")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(login).contains("<html lang=\"en\"").contains("href=\"?lang=zh-CN\" lang=\"zh-CN\"");

    MvcResult odd = mvc.perform(get("/login").param("lang", "xx-<b>").header("Accept-Language", "zh-CN"))
        .andExpect(status().isOk()).andReturn();
    assertThat(odd.getResponse().getCookie("linli-lang")).isNull();
    assertThat(odd.getResponse().getContentAsString()).contains("<html lang=\"zh\"").contains("工作人员登录");
  }

  @Test
  void aKeyboardUserSwitchesTheConsoleToEnglishAndItStaysEnglish() throws Exception {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("linli.test.chromedriver", "/usr/bin/chromedriver")))
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("linli.test.chromium", "/usr/bin/chromium"));
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--lang=zh-CN",
        "--user-data-dir=" + Files.createTempDirectory("linli-console-chromium"));
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      String base = "http://localhost:" + port;
      driver.get(base + "/login");
      driver.findElement(By.id("username")).sendKeys("wang");
      driver.findElement(By.id("password")).sendKeys(HandoffTestSupport.PASSWORD, Keys.ENTER);
      wait.until(d -> d.getCurrentUrl().endsWith("/staff"));
      // headless Chromium may ask for English whatever --lang says: start from Chinese explicitly
      driver.get(base + "/staff?lang=zh-CN");
      assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh");
      driver.get(base + "/staff");

      // Tab through the page until the English link has focus, then press Enter
      WebElement focused = null;
      for (int i = 0; i < 30; i++) {
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        focused = driver.switchTo().activeElement();
        if ("en".equals(focused.getDomAttribute("lang"))) {
          break;
        }
      }
      assertThat(focused).isNotNull();
      assertThat(focused.getDomAttribute("lang")).as("the English link is reachable by Tab").isEqualTo("en");
      focused.sendKeys(Keys.ENTER);
      wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
      assertThat(driver.findElement(By.tagName("header")).getText()).contains("Queue").contains("My orders");

      driver.get(base + "/staff/mine");
      assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
      assertThat(driver.findElement(By.tagName("header")).getText()).contains("Queue");
    } finally {
      driver.quit();
    }
  }
}
