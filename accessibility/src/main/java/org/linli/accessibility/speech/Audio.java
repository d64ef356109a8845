package org.linli.accessibility.speech;

import java.time.Duration;
import java.util.Objects;

/**
 * Synthesised speech: a complete WAV file (RIFF/WAVE, PCM) and how long it plays.
 *
 * <p>{@link #wav()} returns a copy, so a cached instance can be shared between threads safely.
 */
public record Audio(byte[] wav, Duration duration) {
  public Audio {
    Objects.requireNonNull(wav, "wav");
    Objects.requireNonNull(duration, "duration");
    wav = wav.clone();
  }

  @Override
  public byte[] wav() {
    return wav.clone();
  }

  /** The size of the WAV file in bytes. */
  public int size() {
    return wav.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Audio a && java.util.Arrays.equals(wav, a.wav) && duration.equals(a.duration);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(wav) * 31 + duration.hashCode();
  }

  @Override
  public String toString() {
    return "Audio[" + wav.length + " bytes, " + duration.toMillis() + " ms]";
  }
}
