package org.linli.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Read aloud on every screen: server voices, slow speed, stop at any touch, automatic reading. */
class KioskSpeechTest extends KioskTestBase {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<byte[]> speech(String text, String lang) throws Exception {
    String url =
        "http://localhost:" + port + "/api/speech?lang=" + lang + "&text="
            + URLEncoder.encode(text, StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theSpeechEndpointAnswersWavInBothLanguagesAndLetsTheBrowserCacheIt() throws Exception {
    for (String[] c : new String[][] {{"您的工单号是240101", "zh"}, {"Your case number is 240101", "en"}}) {
      HttpResponse<byte[]> r = speech(c[0], c[1]);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/wav");
      assertThat(new String(r.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
      assertThat(new String(r.body(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
      assertThat(r.body().length).isGreaterThan(20_000);
      assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age"));
    }
  }

  @Test
  void badSpeechRequestsAreClearProblems() throws Exception {
    HttpResponse<byte[]> r = speech("hello", "fr");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"code\":\"error.speech.lang\"");
    assertThat(speech("x".repeat(1001), "en").statusCode()).isEqualTo(400);
  }

  @Test
  void theReadAloudButtonSpeaksTheScreenAndAnyTouchStopsIt() {
    kiosk.click("#nav-read");
    kiosk.waitFor(d -> "playing".equals(kiosk.body().getDomAttribute("data-speech")));
    kiosk.waitFor(d -> spokenRequests().stream().anyMatch(u -> u.contains("lang=zh") && u.contains("speed=normal")));

    kiosk.click("h1");
    kiosk.waitFor(d -> "idle".equals(kiosk.body().getDomAttribute("data-speech")));

    kiosk.click("#set-slow");
    kiosk.click("#nav-read");
    kiosk.waitFor(d -> "playing".equals(kiosk.body().getDomAttribute("data-speech")));
    kiosk.waitFor(d -> spokenRequests().stream().anyMatch(u -> u.contains("speed=slow")));
  }

  @Test
  void withAutomaticReadingEveryNewScreenIsReadAloud() {
    kiosk.click("#set-autoread");
    kiosk.waitFor(d -> "playing".equals(kiosk.body().getDomAttribute("data-speech")));
    kiosk.click("[data-service=allowance]");
    kiosk.waitForScreen("answer");
    kiosk.waitFor(d -> "playing".equals(kiosk.body().getDomAttribute("data-speech")));
    kiosk.waitFor(
        d ->
            spokenRequests().stream()
                .anyMatch(u -> java.net.URLDecoder.decode(u, StandardCharsets.UTF_8).contains("高龄津贴申领")));
  }

  @Test
  void withoutAnyVoiceThePageStaysUsableAndSaysSo() {
    // As on a kiosk whose server has no engine for the language and whose browser has no voice.
    kiosk.driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            """
            const original = window.fetch;
            window.fetch = async (url, options) => {
              const response = await original(url, options);
              if (!String(url).startsWith('/kiosk/config')) return response;
              const config = await response.json();
              config.serverSpeech = {zh: false, en: false};
              return new Response(JSON.stringify(config), {headers: {'Content-Type': 'application/json'}});
            };
            if (window.speechSynthesis) window.speechSynthesis.getVoices = () => [];
            """));
    kiosk.open();
    kiosk.click("#nav-read");
    kiosk.waitFor(d -> "unavailable".equals(kiosk.body().getDomAttribute("data-speech")));
    assertThat(kiosk.find("#speech-note").isDisplayed()).isTrue();
    assertThat(kiosk.text("#speech-note")).isEqualTo("这台机器暂时不能朗读，请看屏幕上的文字。");
    kiosk.click("[data-service=allowance]");
    kiosk.waitForScreen("answer");
  }

  @SuppressWarnings("unchecked")
  private java.util.List<String> spokenRequests() {
    return (java.util.List<String>)
        kiosk.js(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/speech'));");
  }
}
