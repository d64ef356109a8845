package org.linli.accessibility.speech;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Small helpers for PCM WAV files held in memory. */
final class Wav {
  private Wav() {}

  /** Wraps raw PCM samples in a WAV file. */
  static byte[] fromPcm(byte[] pcm, AudioFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 64);
    long frames = pcm.length / format.getFrameSize();
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
    }
    return out.toByteArray();
  }

  /**
   * Fixes the sizes in a WAV header written to a pipe (espeak-ng writes 0x7FFFFFFF because it
   * cannot seek back), so that players and {@link AudioSystem} accept the file. Expects the
   * canonical 44-byte header with the data chunk right after "fmt ".
   */
  static byte[] fixStreamedHeader(byte[] wav) {
    if (wav.length < 44 || !isRiffWave(wav)) {
      return wav;
    }
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int fmtSize = b.getInt(16);
    int dataHeader = 20 + fmtSize;
    if (dataHeader + 8 > wav.length
        || !new String(wav, dataHeader, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("data")) {
      return wav;
    }
    int dataSize = wav.length - dataHeader - 8;
    b.putInt(4, wav.length - 8);
    b.putInt(dataHeader + 4, dataSize);
    return wav;
  }

  static boolean isRiffWave(byte[] wav) {
    return wav.length >= 12
        && wav[0] == 'R' && wav[1] == 'I' && wav[2] == 'F' && wav[3] == 'F'
        && wav[8] == 'W' && wav[9] == 'A' && wav[10] == 'V' && wav[11] == 'E';
  }

  /** Duration from the header: data bytes / byte rate. */
  static Duration duration(byte[] wav) throws IOException {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      AudioFormat f = in.getFormat();
      long frames = in.getFrameLength();
      return Duration.ofNanos((long) (frames / (double) f.getFrameRate() * 1_000_000_000L));
    } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
      throw new IOException("not a WAV file", e);
    }
  }
}
