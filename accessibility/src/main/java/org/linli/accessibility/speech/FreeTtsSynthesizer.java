package org.linli.accessibility.speech;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import javax.sound.sampled.AudioFormat;
import org.linli.accessibility.Lang;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * English speech with FreeTTS's kevin16 voice, pure Java, no sound card: the samples are collected
 * in memory and wrapped as WAV.
 *
 * <p>A FreeTTS {@link Voice} is not thread-safe, so voices live in a small pool: a caller borrows
 * one, speaks, and returns it; at most {@code poolSize} syntheses run at once and the rest wait.
 * FreeTTS silently produces nothing for Chinese text, so this engine supports English only.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {
  private static final Logger log = LoggerFactory.getLogger(FreeTtsSynthesizer.class);

  /** FreeTTS's own default rate for kevin16, words per minute. */
  static final float BASE_WPM = 150f;
  private static final String VOICE = "kevin16";
  private static final String DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

  private final int poolSize;
  private final BlockingQueue<Voice> idle = new LinkedBlockingQueue<>();
  private final Semaphore permits;
  private volatile Boolean available;

  /** A pool of as many voices as there are processors (at least two). */
  public FreeTtsSynthesizer() {
    this(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** A pool of at most {@code poolSize} voices, created as they are first needed. */
  public FreeTtsSynthesizer(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
    this.poolSize = poolSize;
    this.permits = new Semaphore(poolSize, true);
  }

  @Override
  public String name() {
    return "freetts";
  }

  @Override
  public String describe() {
    return supports(Lang.EN)
        ? "freetts (kevin16, English, pure Java, pool of " + poolSize + ")"
        : "freetts unavailable (kevin16 voice not found)";
  }

  @Override
  public boolean supports(Lang lang) {
    return lang == Lang.EN && isAvailable();
  }

  private boolean isAvailable() {
    Boolean a = available;
    if (a == null) {
      synchronized (this) {
        if (available == null) {
          Voice v = newVoice();
          available = v != null;
          if (v != null) {
            idle.offer(v);
          }
        }
        a = available;
      }
    }
    return a;
  }

  @Override
  public Optional<Audio> synthesize(String text, Lang lang, double rate) {
    if (text == null || text.isBlank() || !supports(lang)) {
      return Optional.empty();
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    Voice voice = idle.poll();
    try {
      if (voice == null) {
        voice = newVoice();
        if (voice == null) {
          return Optional.empty();
        }
      }
      CollectingPlayer player = new CollectingPlayer();
      voice.setAudioPlayer(player);
      voice.setRate((float) (BASE_WPM * rate));
      voice.speak(text);
      byte[] pcm = player.bytes();
      if (pcm.length == 0 || player.getAudioFormat() == null) {
        return Optional.empty();
      }
      byte[] wav = Wav.fromPcm(pcm, player.getAudioFormat());
      return Optional.of(new Audio(wav, Wav.duration(wav)));
    } catch (IOException | RuntimeException e) {
      log.warn("event=speech_failed engine=freetts error={}", e.toString());
      voice = null; // do not reuse a voice in an unknown state
      return Optional.empty();
    } finally {
      if (voice != null) {
        idle.offer(voice);
      }
      permits.release();
    }
  }

  private static Voice newVoice() {
    // VoiceManager reads this property when it first looks for voices.
    if (System.getProperty("freetts.voices") == null) {
      System.setProperty("freetts.voices", DIRECTORY);
    }
    synchronized (FreeTtsSynthesizer.class) {
      Voice v = VoiceManager.getInstance().getVoice(VOICE);
      if (v == null) {
        return null;
      }
      v.allocate();
      return v;
    }
  }

  /** An {@link AudioPlayer} that keeps the samples instead of playing them. */
  private static final class CollectingPlayer implements AudioPlayer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private AudioFormat format;
    private float volume = 1f;

    byte[] bytes() {
      return out.toByteArray();
    }

    @Override
    public void setAudioFormat(AudioFormat format) {
      this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
      return format;
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void reset() {}

    @Override
    public boolean drain() {
      return true;
    }

    @Override
    public void begin(int size) {}

    @Override
    public boolean end() {
      return true;
    }

    @Override
    public void cancel() {}

    @Override
    public void close() {}

    @Override
    public float getVolume() {
      return volume;
    }

    @Override
    public void setVolume(float volume) {
      this.volume = volume;
    }

    @Override
    public long getTime() {
      return 0;
    }

    @Override
    public void resetTime() {}

    @Override
    public void startFirstSampleTimer() {}

    @Override
    public boolean write(byte[] audioData) {
      out.write(audioData, 0, audioData.length);
      return true;
    }

    @Override
    public boolean write(byte[] audioData, int offset, int size) {
      out.write(audioData, offset, size);
      return true;
    }

    @Override
    public void showMetrics() {}
  }
}
