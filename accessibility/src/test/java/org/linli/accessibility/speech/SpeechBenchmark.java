package org.linli.accessibility.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.linli.accessibility.Lang;

/**
 * Measures synthesis latency; not a test. Run after {@code mvn -pl accessibility test-compile}:
 *
 * <pre>
 * CP=$(mvn -q -pl accessibility dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
 * java -cp accessibility/target/test-classes:accessibility/target/classes:$CP \
 *     org.linli.accessibility.speech.SpeechBenchmark
 * </pre>
 *
 * Prints, per engine, language and text length: median and 95th percentile latency, the audio's
 * duration and the real-time factor (latency / audio duration); then cache-hit latency and
 * throughput with several threads.
 */
public final class SpeechBenchmark {
  private static final int WARMUP = 3;
  private static final int RUNS = 15;

  public static void main(String[] args) throws Exception {
    List<String[]> zh = List.of(
        new String[] {"short", "您好。"},
        new String[] {"sentence", "您好，欢迎来到邻里社区服务中心，请说出您的问题。"},
        new String[] {"paragraph", "六十岁以上的老人可以申请居家养老服务补贴，每月二百元，按季度发放。"
            + "请带身份证和户口本到社区服务中心三号楼一层办理。行动不便的老人可以打电话预约上门办理，"
            + "工作人员会在三个工作日内联系您。"});
    List<String[]> en = List.of(
        new String[] {"short", "Welcome."},
        new String[] {"sentence", "Welcome to the community service centre. Please say your question."},
        new String[] {"paragraph", "Residents aged sixty or over can apply for a home care subsidy of two hundred "
            + "yuan a month, paid every quarter. Bring your identity card to the service centre in Building 3. "
            + "If you cannot come, call us and a member of staff will visit you within three working days."});

    System.out.printf("java %s, %d processors%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
    System.out.printf("%-10s %-3s %-10s %6s %9s %9s %9s %6s%n",
        "engine", "lang", "text", "chars", "median", "p95", "audio", "RTF");
    FreeTtsSynthesizer freetts = new FreeTtsSynthesizer(2);
    EspeakNgSynthesizer espeak = new EspeakNgSynthesizer();
    for (String[] t : en) {
      measure(freetts, Lang.EN, t);
    }
    if (espeak.supports(Lang.ZH)) {
      for (String[] t : zh) {
        measure(espeak, Lang.ZH, t);
      }
      for (String[] t : en) {
        measure(espeak, Lang.EN, t);
      }
    } else {
      System.out.println(espeak.describe());
    }

    SpeechService service = SpeechService.standard();
    service.synthesize(zh.get(1)[1], Lang.ZH, 1.0);
    long[] hit = new long[1000];
    for (int i = 0; i < hit.length; i++) {
      long s = System.nanoTime();
      service.synthesize(zh.get(1)[1], Lang.ZH, 1.0);
      hit[i] = System.nanoTime() - s;
    }
    Arrays.sort(hit);
    System.out.printf("cache hit: median %.3f ms, p95 %.3f ms%n", hit[500] / 1e6, hit[950] / 1e6);

    for (int threads : new int[] {1, 2, 4, 8}) {
      throughput(threads, freetts, Lang.EN, en.get(1)[1]);
      throughput(threads, espeak, Lang.ZH, zh.get(1)[1]);
    }
    System.exit(0);
  }

  private static void measure(SpeechSynthesizer engine, Lang lang, String[] text) {
    for (int i = 0; i < WARMUP; i++) {
      engine.synthesize(text[1], lang, 1.0);
    }
    long[] ns = new long[RUNS];
    Audio audio = null;
    for (int i = 0; i < RUNS; i++) {
      long s = System.nanoTime();
      audio = engine.synthesize(text[1], lang, 1.0).orElseThrow();
      ns[i] = System.nanoTime() - s;
    }
    Arrays.sort(ns);
    double median = ns[RUNS / 2] / 1e6;
    double p95 = ns[(int) Math.ceil(RUNS * 0.95) - 1] / 1e6;
    double audioMs = audio.duration().toMillis();
    System.out.printf("%-10s %-4s %-10s %5d %7.1fms %7.1fms %7.0fms %6.3f%n",
        engine.name(), lang.code(), text[0], text[1].length(), median, p95, audioMs, median / audioMs);
  }

  private static void throughput(int threads, SpeechSynthesizer engine, Lang lang, String text) throws Exception {
    int perThread = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long s = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      fs.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          engine.synthesize(text, lang, 1.0).orElseThrow();
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    double seconds = (System.nanoTime() - s) / 1e9;
    pool.shutdown();
    System.out.printf("%-10s %-3s %d threads: %.1f clips/s%n", engine.name(), lang.code(), threads,
        threads * perThread / seconds);
  }
}
