package org.linli.channels.kiosk;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.linli.accessibility.Lang;
import org.linli.accessibility.speech.SpeechService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hall kiosk: the page itself ({@code GET /kiosk}; its scripts, styles and pictures are static
 * files under {@code /kiosk/}), the words it shows, its settings, and the QR code of a case slip.
 */
@RestController
class KioskController {

  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
  private static final Pattern CASE_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,20}");

  private final KioskProperties properties;
  private final SpeechService speech;
  private final byte[] page;

  KioskController(KioskProperties properties, SpeechService speech) throws IOException {
    this.properties = properties;
    this.speech = speech;
    try (InputStream in = new ClassPathResource("static/kiosk/index.html").getInputStream()) {
      this.page = in.readAllBytes();
    }
  }

  @GetMapping("/kiosk")
  ResponseEntity<byte[]> page() {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .body(page);
  }

  /** Every word the page shows, from the kiosk's message bundle (Chinese unless {@code en}). */
  @GetMapping("/kiosk/messages")
  ResponseEntity<Map<String, String>> messages(@RequestParam(defaultValue = "zh") String lang) {
    Lang chosen = parseLang(lang);
    ResourceBundle bundle =
        ResourceBundle.getBundle("org.linli.channels.kiosk.messages", chosen.locale(), NO_FALLBACK);
    Map<String, String> words = new TreeMap<>();
    for (String key : bundle.keySet()) {
      words.put(key, bundle.getString(key));
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(words);
  }

  /** What the page needs to know about this installation: timeouts and which speech works. */
  @GetMapping("/kiosk/config")
  ResponseEntity<Map<String, Object>> config() {
    SpeechService.Availability availability = speech.availability();
    Map<String, Boolean> speaks = new LinkedHashMap<>();
    for (Lang l : Lang.values()) {
      speaks.put(l.code(), availability.canSpeak(l));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("idleTimeoutSeconds", properties.idleTimeout().toSeconds());
    config.put("idleWarningSeconds", properties.idleWarning().toSeconds());
    config.put("pollSeconds", Math.max(1, properties.pollInterval().toSeconds()));
    config.put("serverSpeech", speaks);
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
  }

  /** The QR code printed on a case slip, as SVG, so the resident can continue on the phone. */
  @GetMapping(value = "/kiosk/qr", produces = "image/svg+xml")
  ResponseEntity<String> qr(
      @RequestParam("case") String caseNumber, @RequestParam(defaultValue = "zh") String lang) {
    if (!CASE_NUMBER.matcher(caseNumber).matches()) {
      throw new KioskProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "error.qr.case");
    }
    Lang chosen = parseLang(lang);
    ResourceBundle bundle =
        ResourceBundle.getBundle("org.linli.channels.kiosk.messages", chosen.locale(), NO_FALLBACK);
    String ask = java.text.MessageFormat.format(bundle.getString("qr.sms"), caseNumber);
    String content =
        properties.smsNumber().isBlank()
            ? java.text.MessageFormat.format(bundle.getString("qr.text"), caseNumber)
            : "SMSTO:" + properties.smsNumber().strip() + ":" + ask;
    return ResponseEntity.ok()
        .contentType(MediaType.valueOf("image/svg+xml"))
        .cacheControl(CacheControl.noStore())
        .body(QrSvg.of(content, java.text.MessageFormat.format(bundle.getString("qr.title"), caseNumber)));
  }

  static Lang parseLang(String lang) {
    try {
      return Lang.parse(lang);
    } catch (IllegalArgumentException e) {
      throw new KioskProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "error.speech.lang");
    }
  }

  static Locale localeOf(Lang lang) {
    return lang.locale();
  }
}
