package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A strict Content-Security-Policy holds because the page has no inline script or style. */
class KioskSecurityTest extends KioskTestBase {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageItsFilesAndSpeechCarryTheSecurityHeaders() throws Exception {
    for (String path :
        new String[] {"/kiosk", "/kiosk/kiosk.js", "/kiosk/kiosk.css", "/kiosk/messages?lang=en", "/kiosk/config",
          "/kiosk/icons/home.svg", "/kiosk/qr?case=240101", "/api/speech?text=hello&lang=en"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
    }
    assertThat(get("/kiosk").headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
  }

  @Test
  void thePageHasNoInlineScriptStyleOrHandlers() throws Exception {
    String html = get("/kiosk").body();
    assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
    assertThat(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
    String js = get("/kiosk/kiosk.js").body();
    assertThat(js).doesNotContain("innerHTML").doesNotContain(".style.").doesNotContain("eval(").doesNotContain("'style'");
    String svg = get("/kiosk/qr?case=240101").body();
    assertThat(svg).startsWith("<svg").doesNotContain("<script").doesNotContain("style=");
  }

  @Test
  void theBrowserReportsNoPolicyViolationsWhileTheKioskIsUsed() {
    kiosk.click("#go-services");
    kiosk.waitForScreen("services");
    kiosk.click("[data-service=canteen]");
    kiosk.waitForScreen("answer");
    kiosk.click("#set-theme");
    kiosk.click("#set-size");
    kiosk.click("#nav-read");
    kiosk.click("#nav-home");
    kiosk.waitForScreen("home");
    kiosk.assertNoConsoleErrors();
  }

  @Test
  void aQrCodeIsOnlyDrawnForACaseNumber() throws Exception {
    HttpResponse<String> r = get("/kiosk/qr?case=%3Cscript%3E");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("error.qr.case");
  }
}
