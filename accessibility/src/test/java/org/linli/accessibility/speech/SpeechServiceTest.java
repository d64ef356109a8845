package org.linli.accessibility.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;
import org.linli.accessibility.Lang;

class SpeechServiceTest {

  /** A fake engine: one 16 kHz frame per character of silence-free tone, counting its calls. */
  static final class CountingEngine implements SpeechSynthesizer {
    final String name;
    final Lang lang;
    final boolean works;
    final AtomicInteger calls = new AtomicInteger();
    final long delayMillis;

    CountingEngine(String name, Lang lang, boolean works, long delayMillis) {
      this.name = name;
      this.lang = lang;
      this.works = works;
      this.delayMillis = delayMillis;
    }

    @Override
    public Optional<Audio> synthesize(String text, Lang l, double rate) {
      calls.incrementAndGet();
      if (!works) {
        return Optional.empty();
      }
      try {
        Thread.sleep(delayMillis);
        byte[] pcm = new byte[text.length() * 1000];
        for (int i = 0; i < pcm.length; i += 2) {
          pcm[i + 1] = (byte) ((i / 2) % 40 < 20 ? 40 : -40);
        }
        byte[] wav = Wav.fromPcm(pcm, new AudioFormat(16000, 16, 1, true, false));
        return Optional.of(new Audio(wav, Wav.duration(wav)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean supports(Lang l) {
      return l == lang;
    }

    @Override
    public String name() {
      return name;
    }
  }

  @Test
  void mandarinGoesToEspeakNgAndEnglishToFreeTts() {
    SpeechService service = SpeechService.standard();
    SpeechService.Availability a = service.availability();
    assertThat(a.engineFor()).containsEntry(Lang.ZH, "espeak-ng").containsEntry(Lang.EN, "freetts");
    assertThat(a.summary()).isEqualTo("speech zh=espeak-ng en=freetts");
    assertThat(a.engines()).hasSize(2).anySatisfy(l -> assertThat(l).startsWith("freetts"));
    assertThat(a.canSpeak(Lang.ZH)).isTrue();
  }

  @Test
  void withNoEngineForALanguageItSaysSoAndReturnsNothing() {
    SpeechService service = new SpeechService(List.of(new CountingEngine("fake-en", Lang.EN, true, 0)), 10, 1 << 20);
    assertThat(service.availability().summary()).isEqualTo("speech zh=none en=fake-en");
    assertThat(service.synthesize("您好", Lang.ZH, 1.0)).isEmpty();
  }

  @Test
  void theSameRequestIsServedFromTheCache() {
    CountingEngine engine = new CountingEngine("fake", Lang.ZH, true, 0);
    SpeechService service = new SpeechService(List.of(engine), 10, 1 << 20);
    Audio first = service.synthesize("您好", Lang.ZH, 1.0).orElseThrow();
    Audio second = service.synthesize("您好", Lang.ZH, 1.0).orElseThrow();
    assertThat(second).isEqualTo(first);
    assertThat(engine.calls).hasValue(1);
    service.synthesize("您好", Lang.ZH, 0.8);
    assertThat(engine.calls).as("another rate is another clip").hasValue(2);
    assertThat(service.cacheStats().hits()).isEqualTo(1);
    assertThat(service.cacheStats().misses()).isEqualTo(2);
  }

  @Test
  void theLeastRecentlyUsedClipIsEvictedFirst() {
    CountingEngine engine = new CountingEngine("fake", Lang.EN, true, 0);
    SpeechService service = new SpeechService(List.of(engine), 2, 1 << 20);
    service.synthesize("a", Lang.EN, 1.0);
    service.synthesize("b", Lang.EN, 1.0);
    service.synthesize("a", Lang.EN, 1.0); // a is now more recent than b
    service.synthesize("c", Lang.EN, 1.0); // evicts b
    assertThat(service.cacheStats().entries()).isEqualTo(2);
    int before = engine.calls.get();
    service.synthesize("a", Lang.EN, 1.0);
    assertThat(engine.calls).hasValue(before);
    service.synthesize("b", Lang.EN, 1.0);
    assertThat(engine.calls).hasValue(before + 1);
  }

  @Test
  void theCacheStaysWithinItsByteBound() {
    CountingEngine engine = new CountingEngine("fake", Lang.EN, true, 0);
    SpeechService service = new SpeechService(List.of(engine), 1000, 50_000);
    for (int i = 0; i < 40; i++) {
      service.synthesize("clip number " + i, Lang.EN, 1.0);
    }
    assertThat(service.cacheStats().bytes()).isLessThanOrEqualTo(50_000);
    assertThat(service.cacheStats().entries()).isLessThan(40);
  }

  @Test
  void theNextEngineIsTriedWhenTheFirstProducesNothing() {
    CountingEngine broken = new CountingEngine("broken", Lang.EN, false, 0);
    CountingEngine backup = new CountingEngine("backup", Lang.EN, true, 0);
    SpeechService service = new SpeechService(List.of(broken, backup), 10, 1 << 20);
    assertThat(service.synthesize("hello", Lang.EN, 1.0)).isPresent();
    assertThat(broken.calls).hasValue(1);
    assertThat(backup.calls).hasValue(1);
  }

  @Test
  void concurrentRequestsForTheSameClipShareOneSynthesis() throws Exception {
    CountingEngine engine = new CountingEngine("slow", Lang.ZH, true, 300);
    SpeechService service = new SpeechService(List.of(engine), 10, 1 << 20);
    int threads = 12;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Audio>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return service.synthesize("请稍候", Lang.ZH, 1.0).orElseThrow();
        }));
      }
      start.countDown();
      Audio first = results.get(0).get();
      for (Future<Audio> f : results) {
        assertThat(f.get()).isEqualTo(first);
      }
      assertThat(engine.calls).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Many kiosk threads synthesising different texts at once, with the real engines and no cache,
   * each get exactly the audio a lone caller gets.
   */
  @Test
  void manyThreadsSynthesisingAtOnceGetCorrectAudio() throws Exception {
    List<String> en = List.of("Welcome.", "Press one to ask a question.", "Your case is closed. Thank you for waiting.");
    List<String> zh = List.of("您好。", "请按一提问。", "您的工单已经办结，谢谢您的耐心等待。");
    SpeechService reference = new SpeechService(
        List.of(new FreeTtsSynthesizer(1), new EspeakNgSynthesizer()), 0, 0);
    Map<String, Audio> expected = new ConcurrentHashMap<>();
    for (String t : en) {
      expected.put(t, reference.synthesize(t, Lang.EN, 1.0).orElseThrow());
    }
    for (String t : zh) {
      expected.put(t, reference.synthesize(t, Lang.ZH, 1.0).orElseThrow());
    }

    SpeechService service = new SpeechService(
        List.of(new FreeTtsSynthesizer(3), new EspeakNgSynthesizer()), 0, 0);
    int threads = 16;
    int rounds = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          start.await();
          List<String> wrong = new ArrayList<>();
          for (int r = 0; r < rounds; r++) {
            boolean english = (seed + r) % 2 == 0;
            String text = (english ? en : zh).get((seed + r) % 3);
            Audio audio = service.synthesize(text, english ? Lang.EN : Lang.ZH, 1.0).orElse(null);
            if (audio == null || !audio.equals(expected.get(text))) {
              wrong.add(text);
            }
          }
          return wrong;
        }));
      }
      start.countDown();
      for (Future<List<String>> f : results) {
        assertThat(f.get()).as("texts whose audio differed from a lone caller's").isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    Audio check = expected.get(en.get(2));
    WavCheck.assertAudibleWav(check);
    assertThat(check.duration()).isGreaterThan(expected.get(en.get(0)).duration());
    assertThat(Duration.ZERO).isLessThan(expected.get(zh.get(2)).duration());
  }
}
