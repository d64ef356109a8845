package org.linli.accessibility.speech;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.linli.accessibility.Lang;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mandarin and English speech with the {@code espeak-ng} program (Debian package {@code espeak-ng}).
 *
 * <p>Runs {@code espeak-ng -v cmn -s <wpm> --stdout -- <text>} with the text as a single argument
 * (no shell, so nothing in the text is interpreted), reads the WAV from standard output and fixes
 * its header (written to a pipe, it carries placeholder sizes). A process that does not finish in
 * time is killed. At most a few processes run at once.
 */
public final class EspeakNgSynthesizer implements SpeechSynthesizer {
  private static final Logger log = LoggerFactory.getLogger(EspeakNgSynthesizer.class);

  /** English at rate 1.0: espeak-ng's own default, 175 words per minute. */
  static final int BASE_WPM_EN = 175;
  /**
   * Mandarin at rate 1.0. espeak-ng counts each syllable as a word for cmn, so its default 175 is
   * under three syllables a second, much slower than normal speech; 260 gives about four.
   */
  static final int BASE_WPM_ZH = 260;
  private static final int MAX_TEXT_CHARS = 4000;

  private final String executable;
  private final Duration timeout;
  private final Semaphore running;
  private volatile Probe probe;

  private record Probe(boolean available, boolean mandarin, String version) {}

  /** {@code espeak-ng} from the PATH, 10 s timeout. */
  public EspeakNgSynthesizer() {
    this("espeak-ng", Duration.ofSeconds(10));
  }

  /**
   * @param executable the program name or path
   * @param timeout how long one synthesis may take before the process is killed
   */
  public EspeakNgSynthesizer(String executable, Duration timeout) {
    this.executable = executable;
    this.timeout = timeout;
    this.running = new Semaphore(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
  }

  @Override
  public String name() {
    return "espeak-ng";
  }

  @Override
  public boolean supports(Lang lang) {
    Probe p = probe();
    return p.available && (lang == Lang.EN || p.mandarin);
  }

  @Override
  public String describe() {
    Probe p = probe();
    if (!p.available) {
      return "espeak-ng not found (" + executable + "); install the Debian package espeak-ng for Mandarin speech";
    }
    return "espeak-ng " + p.version + " (" + (p.mandarin ? "Mandarin cmn, " : "no Mandarin voice, ") + "English)";
  }

  @Override
  public Optional<Audio> synthesize(String text, Lang lang, double rate) {
    if (text == null || text.isBlank() || !supports(lang)) {
      return Optional.empty();
    }
    String safe = text.replaceAll("[\\p{Cntrl}&&[^\n\t]]", " ").strip();
    if (safe.length() > MAX_TEXT_CHARS) {
      safe = safe.substring(0, MAX_TEXT_CHARS);
    }
    int wpm = (int) Math.round(Math.clamp((lang == Lang.ZH ? BASE_WPM_ZH : BASE_WPM_EN) * rate, 80, 450));
    List<String> command = List.of(
        executable, "-v", lang == Lang.ZH ? "cmn" : "en", "-s", Integer.toString(wpm), "--stdout", "--", safe);
    try {
      running.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      Optional<byte[]> out = run(command, timeout);
      if (out.isEmpty() || out.get().length <= 44) {
        return Optional.empty();
      }
      byte[] wav = Wav.fixStreamedHeader(out.get());
      if (!Wav.isRiffWave(wav)) {
        return Optional.empty();
      }
      return Optional.of(new Audio(wav, Wav.duration(wav)));
    } catch (IOException e) {
      log.warn("event=speech_failed engine=espeak-ng error={}", e.toString());
      return Optional.empty();
    } finally {
      running.release();
    }
  }

  private Probe probe() {
    Probe p = probe;
    if (p == null) {
      synchronized (this) {
        if (probe == null) {
          probe = runProbe();
        }
        p = probe;
      }
    }
    return p;
  }

  private Probe runProbe() {
    try {
      Optional<byte[]> version = run(List.of(executable, "--version"), Duration.ofSeconds(5));
      if (version.isEmpty()) {
        return new Probe(false, false, "");
      }
      String v = new String(version.get(), java.nio.charset.StandardCharsets.UTF_8).strip();
      // "eSpeak NG text-to-speech: 1.51  Data at: ..."
      String number = v.replaceAll("(?s).*?:\\s*([0-9][0-9.]*).*", "$1");
      Optional<byte[]> voices = run(List.of(executable, "--voices=cmn"), Duration.ofSeconds(5));
      boolean mandarin = voices.map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
          .map(s -> s.lines().skip(1).anyMatch(l -> l.contains("cmn")))
          .orElse(false);
      return new Probe(true, mandarin, number);
    } catch (IOException e) {
      return new Probe(false, false, "");
    }
  }

  /** Runs a command without a shell; empty when it cannot start, fails or times out. */
  private static Optional<byte[]> run(List<String> command, Duration timeout) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return Optional.empty(); // not installed
    }
    process.getOutputStream().close();
    CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
        Thread::startVirtualThread);
    try {
      byte[] bytes = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? Optional.of(bytes) : Optional.empty();
    } catch (TimeoutException e) {
      process.destroyForcibly();
      log.warn("event=speech_timeout engine=espeak-ng timeout_ms={}", timeout.toMillis());
      return Optional.empty();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      process.destroyForcibly();
      throw new IOException(e.getCause());
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
