package org.linli.channels.kiosk;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.linli.accessibility.Lang;
import org.linli.accessibility.speech.Audio;
import org.linli.accessibility.speech.SpeechService;
import org.linli.accessibility.spoken.SpokenForm;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/speech?text=...&lang=zh|en[&speed=slow]}: the text read aloud as WAV.
 *
 * <p>The text is first put in spoken form (dates, money, phone and case numbers as a listener
 * understands them). Audio is cached by the speech service and by the browser. When no engine here
 * speaks the language the answer is a problem (503, {@code error.speech.unavailable}) carrying the
 * spoken text, so the page can use the browser's own voice or show a note.
 */
@RestController
class SpeechController {

  static final int MAX_TEXT = 1000;
  /** Elder-mode rate, and the slow one the resident can choose. */
  static final double NORMAL_RATE = 0.9;

  static final double SLOW_RATE = 0.7;

  private final SpeechService speech;

  SpeechController(SpeechService speech) {
    this.speech = speech;
  }

  @GetMapping("/api/speech")
  ResponseEntity<byte[]> speak(
      @RequestParam String text,
      @RequestParam(defaultValue = "zh") String lang,
      @RequestParam(defaultValue = "normal") String speed) {
    Lang language = KioskController.parseLang(lang);
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new KioskProblem(HttpStatus.BAD_REQUEST, "error.speech.empty");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_TEXT) {
      throw new KioskProblem(HttpStatus.BAD_REQUEST, "error.speech.tooLong");
    }
    double rate =
        switch (speed) {
          case "slow" -> SLOW_RATE;
          case "normal" -> NORMAL_RATE;
          default -> throw new KioskProblem(HttpStatus.BAD_REQUEST, "error.speech.speed");
        };
    String spoken = SpokenForm.of(language, trimmed, Map.of());
    Optional<Audio> audio =
        speech.availability().canSpeak(language)
            ? speech.synthesize(spoken, language, rate)
            : Optional.empty();
    if (audio.isEmpty()) {
      throw new KioskProblem(
          HttpStatus.SERVICE_UNAVAILABLE, "error.speech.unavailable", language.code(), spoken);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("audio/wav"))
        .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
        .header("Content-Language", language == Lang.ZH ? "zh-CN" : "en")
        .body(audio.get().wav());
  }
}
