package org.linli.accessibility.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Checks that bytes are a real, audible WAV file. */
final class WavCheck {
  private WavCheck() {}

  /** Asserts a RIFF/WAVE PCM header, that the declared length matches, and returns the RMS level. */
  static double assertAudibleWav(Audio audio) throws Exception {
    byte[] wav = audio.wav();
    assertThat(new String(wav, 0, 4, "US-ASCII")).isEqualTo("RIFF");
    assertThat(new String(wav, 8, 4, "US-ASCII")).isEqualTo("WAVE");
    assertThat(new String(wav, 12, 4, "US-ASCII")).isEqualTo("fmt ");
    int riffSize = le32(wav, 4);
    assertThat(riffSize).as("RIFF size matches the file").isEqualTo(wav.length - 8);
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      AudioFormat f = in.getFormat();
      assertThat(f.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
      assertThat(f.getSampleSizeInBits()).isEqualTo(16);
      byte[] pcm = in.readAllBytes();
      assertThat(pcm.length).isGreaterThan(1000);
      double rms = rms(pcm, f.isBigEndian());
      assertThat(rms).as("speech is not silence").isGreaterThan(300);
      long frames = pcm.length / f.getFrameSize();
      Duration d = Duration.ofMillis((long) (frames * 1000 / f.getFrameRate()));
      assertThat(audio.duration().toMillis()).isCloseTo(d.toMillis(), org.assertj.core.data.Offset.offset(5L));
      return rms;
    }
  }

  static double rms(byte[] pcm, boolean bigEndian) {
    double sum = 0;
    int n = pcm.length / 2;
    for (int i = 0; i < n; i++) {
      int lo = pcm[2 * i + (bigEndian ? 1 : 0)] & 0xff;
      int hi = pcm[2 * i + (bigEndian ? 0 : 1)];
      int s = (hi << 8) | lo;
      sum += (double) s * s;
    }
    return Math.sqrt(sum / Math.max(1, n));
  }

  private static int le32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }
}
