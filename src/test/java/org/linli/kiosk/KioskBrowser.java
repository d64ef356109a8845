package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driving the kiosk, with the checks every screen must pass. The driver
 * and browser paths are given explicitly, so Selenium Manager never downloads anything.
 */
final class KioskBrowser implements AutoCloseable {

  static final String CHROMIUM = System.getProperty("linli.test.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getProperty("linli.test.chromedriver", "/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "kiosk-screenshots");

  /** WCAG 2.0, 2.1 and 2.2 A and AA, plus AAA 2.0 (colour contrast 7:1). Includes target-size. */
  static final List<String> AXE_TAGS =
      List.of("wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa");

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final String base;
  private final Path userData;

  KioskBrowser(int port) {
    this.base = "http://localhost:" + port;
    try {
      this.userData = Files.createTempDirectory("linli-kiosk-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + userData,
        "--window-size=1080,1920",
        "--force-device-scale-factor=1",
        "--lang=zh-CN",
        "--autoplay-policy=no-user-gesture-required",
        "--mute-audio");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  // ---------- driving ----------

  KioskBrowser open() {
    driver.get(base + "/kiosk");
    waitFor(d -> "true".equals(body().getDomAttribute("data-ready")) && "home".equals(screen()));
    return this;
  }

  WebElement body() {
    return driver.findElement(By.tagName("body"));
  }

  String screen() {
    return body().getDomAttribute("data-screen");
  }

  void waitForScreen(String name) {
    waitFor(d -> name.equals(screen()) && !"true".equals(find("#screen").getDomAttribute("aria-busy")));
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    return wait.until(condition);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  void type(String css, String text) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(text);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  String text(String css) {
    return find(css).getText();
  }

  /** What the page keeps in the browser: sessionStorage and localStorage entries. */
  long storedEntries() {
    return ((Number) js("return sessionStorage.length + localStorage.length;")).longValue();
  }

  /**
   * Gives every chat answer a {@code handoff} (the server's own when it sends one) with the given
   * expected wait, so screens that show the wait look the same whatever the time of day (outside
   * staffed hours the server sends a callback time instead). Lasts until the page reloads.
   */
  void pretendServerIssuesTicket(String ticketId, Integer expectedWaitMinutes) {
    js(
        """
        const ticket = arguments[0], wait = arguments[1];
        const original = window.fetch;
        window.fetch = async (url, options) => {
          const response = await original(url, options);
          if (!String(url).includes('/api/chat/messages') || !response.ok) return response;
          const body = await response.clone().json();
          body.handoff = body.handoff || {ticketId: ticket, status: 'new'};
          if (wait !== null) body.handoff.expectedWaitMinutes = wait;
          return new Response(JSON.stringify(body), {status: 200, headers: {'Content-Type': 'application/json'}});
        };
        """,
        ticketId,
        expectedWaitMinutes);
  }

  // ---------- settings ----------

  void setTextSize(int step) {
    for (int i = 0; i < 3 && !driver.findElement(By.tagName("html")).getDomAttribute("class").contains("size-" + step); i++) {
      click("#set-size");
    }
    assertThat(driver.findElement(By.tagName("html")).getDomAttribute("class")).contains("size-" + step);
  }

  void setHighContrast(boolean on) {
    boolean now = "true".equals(find("#set-theme").getDomAttribute("aria-pressed"));
    if (now != on) {
      click("#set-theme");
    }
  }

  // ---------- checks ----------

  /** axe-core with the WCAG A/AA (and 7:1 contrast) rules: zero violations. */
  void assertNoAxeViolations(String where) {
    Results results = new AxeBuilder().withTags(AXE_TAGS).analyze(driver);
    List<Rule> violations = results.getViolations();
    assertThat(violations).as(() -> where + ": axe violations\n" + describe(violations)).isEmpty();
  }

  private static String describe(List<Rule> violations) {
    return violations.stream()
        .map(
            r ->
                r.getId()
                    + " ("
                    + r.getImpact()
                    + "): "
                    + r.getHelp()
                    + "\n    "
                    + r.getNodes().stream()
                        .map(CheckedNode::getHtml)
                        .limit(5)
                        .collect(Collectors.joining("\n    ")))
        .collect(Collectors.joining("\n"));
  }

  /**
   * Elder mode, measured in the browser: no visible text under 24px, headings 40px and up, line
   * height 1.5 and up, every touch target 60x60 and up, nothing wider than the screen.
   */
  @SuppressWarnings("unchecked")
  void assertElderModeStyles(String where) {
    Map<String, Object> r =
        (Map<String, Object>)
            js(
                """
                const visible = (e) => {
                  if (e.closest('.visually-hidden, [hidden]')) return false;
                  const rect = e.getBoundingClientRect();
                  const cs = getComputedStyle(e);
                  return rect.width > 0 && rect.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
                };
                const small = [], tight = [], smallHeadings = [], smallTargets = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                  const node = walker.currentNode;
                  const e = node.parentElement;
                  if (!node.textContent.trim() || !e || !visible(e)) continue;
                  const cs = getComputedStyle(e);
                  const size = parseFloat(cs.fontSize);
                  const label = e.tagName + ' "' + node.textContent.trim().slice(0, 20) + '"';
                  if (size < 24) small.push(label + ' ' + size + 'px');
                  const lh = parseFloat(cs.lineHeight);
                  if (!(lh / size >= 1.499)) tight.push(label + ' line-height ' + cs.lineHeight + ' / ' + size + 'px');
                }
                for (const h of document.querySelectorAll('h1')) {
                  if (visible(h) && parseFloat(getComputedStyle(h).fontSize) < 40) smallHeadings.push(h.textContent.trim().slice(0, 20));
                }
                for (const t of document.querySelectorAll('button, input, textarea, select, a[href], [role=button], [tabindex]:not([tabindex="-1"])')) {
                  if (!visible(t)) continue;
                  const rect = t.getBoundingClientRect();
                  if (rect.width < 60 || rect.height < 60) smallTargets.push((t.id || t.tagName) + ' ' + Math.round(rect.width) + 'x' + Math.round(rect.height));
                }
                const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
                return {small, tight, smallHeadings, smallTargets, overflow};
                """);
    assertThat((List<String>) r.get("small")).as(where + ": text under 24px").isEmpty();
    assertThat((List<String>) r.get("tight")).as(where + ": line height under 1.5").isEmpty();
    assertThat((List<String>) r.get("smallHeadings")).as(where + ": headings under 40px").isEmpty();
    assertThat((List<String>) r.get("smallTargets")).as(where + ": touch targets under 60x60").isEmpty();
    assertThat(((Number) r.get("overflow")).intValue()).as(where + ": wider than the screen").isLessThanOrEqualTo(0);
  }

  /** The browser reported no Content-Security-Policy violation and no script error. */
  void assertNoConsoleErrors() {
    List<LogEntry> bad =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(
                e ->
                    e.getLevel().intValue() >= Level.SEVERE.intValue()
                        || e.getMessage().contains("Content Security Policy"))
            // the 503 of /api/speech for a language without a server voice is expected and handled
            .filter(e -> !e.getMessage().contains("/api/speech"))
            .toList();
    assertThat(bad).extracting(LogEntry::getMessage).isEmpty();
  }

  /** Keeps a full-page picture of the screen as a test artefact. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(userData)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder; the OS cleans it up
      }
    }
  }
}
