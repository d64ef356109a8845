package org.linli.channels.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.linli.accessibility.Lang;
import org.linli.accessibility.speech.Audio;
import org.linli.accessibility.speech.SpeechService;
import org.linli.accessibility.speech.SpeechSynthesizer;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** GET /api/speech: spoken form first, the resident's speed, and a clear problem without a voice. */
class SpeechEndpointTest {

  /** Remembers what it was asked to say; speaks Chinese only. */
  static final class RecordingEngine implements SpeechSynthesizer {
    final List<String> said = new ArrayList<>();
    final List<Double> rates = new ArrayList<>();

    @Override
    public synchronized Optional<Audio> synthesize(String text, Lang lang, double rate) {
      said.add(text);
      rates.add(rate);
      return Optional.of(new Audio("RIFF....WAVE".getBytes(), Duration.ofSeconds(1)));
    }

    @Override
    public boolean supports(Lang lang) {
      return lang == Lang.ZH;
    }

    @Override
    public String name() {
      return "recording";
    }
  }

  private static MockMvc mvc(SpeechService speech) {
    return MockMvcBuilders.standaloneSetup(new SpeechController(speech))
        .setControllerAdvice(new KioskProblems())
        .build();
  }

  @Test
  void caseNumbersPhoneNumbersAndDatesAreSpokenTheWayAListenerUnderstandsThem() throws Exception {
    RecordingEngine engine = new RecordingEngine();
    MockMvc mvc = mvc(new SpeechService(List.of(engine), 16, 1 << 20));

    mvc.perform(get("/api/speech").param("text", "工单240101，电话13800138000，2024-01-01办好").param("lang", "zh"))
        .andExpect(status().isOk())
        .andExpect(content().contentType("audio/wav"));

    assertThat(engine.said).containsExactly("工单二四零一零一，电话幺三八 零零幺三 八零零零，2024年1月1日办好");
    assertThat(engine.rates).containsExactly(SpeechController.NORMAL_RATE);
  }

  @Test
  void slowSpeedAsksTheEngineForASlowerRateAndRepeatsComeFromTheCache() throws Exception {
    RecordingEngine engine = new RecordingEngine();
    MockMvc mvc = mvc(new SpeechService(List.of(engine), 16, 1 << 20));

    for (int i = 0; i < 2; i++) {
      mvc.perform(get("/api/speech").param("text", "您好").param("lang", "zh").param("speed", "slow"))
          .andExpect(status().isOk());
    }
    assertThat(engine.rates).containsExactly(SpeechController.SLOW_RATE);
  }

  @Test
  void withoutAVoiceForTheLanguageTheProblemCarriesTheSpokenTextForTheBrowser() throws Exception {
    MockMvc mvc = mvc(new SpeechService(List.of(new RecordingEngine()), 16, 1 << 20));

    mvc.perform(get("/api/speech").param("text", "Call 13800138000").param("lang", "en").accept(MediaType.ALL))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("error.speech.unavailable"))
        .andExpect(jsonPath("$.lang").value("en"))
        .andExpect(jsonPath("$.spokenText").value(containsString("one three eight")))
        .andExpect(jsonPath("$.detail").isNotEmpty());
  }

  @Test
  void unknownLanguagesSpeedsAndEmptyTextAreRejected() throws Exception {
    MockMvc mvc = mvc(new SpeechService(List.of(), 0, 0));
    mvc.perform(get("/api/speech").param("text", "hi").param("lang", "fr"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.speech.lang"));
    mvc.perform(get("/api/speech").param("text", "hi").param("lang", "en").param("speed", "fast"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.speech.speed"));
    mvc.perform(get("/api/speech").param("text", "  ").param("lang", "en"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.speech.empty"));
    mvc.perform(get("/api/speech").param("lang", "en"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.param.missing"));
  }
}
