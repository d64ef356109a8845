package org.linli.accessibility.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.accessibility.Lang;

/**
 * Real audio comes out of the real engines. espeak-ng must be installed (Debian package
 * {@code espeak-ng}); set {@code -Dlinli.speech.skipEspeak=true} to skip its tests on a machine
 * without it.
 */
class SpeechSynthesisTest {

  static final String EN_SHORT = "Welcome.";
  static final String EN_LONG = "Welcome to the community service centre. Press one to ask a question, or zero to talk to a person.";
  static final String ZH_SHORT = "您好。";
  static final String ZH_LONG = "您好，欢迎来到邻里社区服务中心。请说出您的问题，或者按零转人工服务。";

  @Nested
  class FreeTts {
    final FreeTtsSynthesizer engine = new FreeTtsSynthesizer(2);

    @Test
    void speaksEnglishAsAnAudibleWav() throws Exception {
      Audio audio = engine.synthesize(EN_LONG, Lang.EN, 1.0).orElseThrow();
      WavCheck.assertAudibleWav(audio);
      assertThat(audio.duration()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
    }

    @Test
    void longerTextGivesLongerAudio() throws Exception {
      Audio shortAudio = engine.synthesize(EN_SHORT, Lang.EN, 1.0).orElseThrow();
      Audio longAudio = engine.synthesize(EN_LONG, Lang.EN, 1.0).orElseThrow();
      WavCheck.assertAudibleWav(shortAudio);
      assertThat(longAudio.duration()).isGreaterThan(shortAudio.duration().multipliedBy(3));
    }

    @Test
    void slowerRateGivesLongerAudio() {
      Audio normal = engine.synthesize(EN_LONG, Lang.EN, 1.0).orElseThrow();
      Audio slow = engine.synthesize(EN_LONG, Lang.EN, 0.7).orElseThrow();
      assertThat(slow.duration()).isGreaterThan(normal.duration());
    }

    @Test
    void doesNotClaimChinese() {
      assertThat(engine.supports(Lang.ZH)).isFalse();
      assertThat(engine.synthesize(ZH_LONG, Lang.ZH, 1.0)).isEmpty();
      assertThat(engine.describe()).contains("kevin16");
    }
  }

  @Nested
  class EspeakNg {
    final EspeakNgSynthesizer engine = new EspeakNgSynthesizer();

    @BeforeAll
    static void espeakIsInstalled() {
      assumeFalse(Boolean.getBoolean("linli.speech.skipEspeak"), "espeak-ng tests skipped on request");
      assertThat(new EspeakNgSynthesizer().supports(Lang.ZH))
          .as("espeak-ng with the cmn voice must be installed (apt-get install espeak-ng)")
          .isTrue();
    }

    @Test
    void speaksMandarinAsAnAudibleWavWithAProperHeader() throws Exception {
      Audio audio = engine.synthesize(ZH_LONG, Lang.ZH, 1.0).orElseThrow();
      WavCheck.assertAudibleWav(audio);
      assertThat(audio.duration()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
    }

    @Test
    void longerMandarinTextGivesLongerAudio() {
      Audio shortAudio = engine.synthesize(ZH_SHORT, Lang.ZH, 1.0).orElseThrow();
      Audio longAudio = engine.synthesize(ZH_LONG, Lang.ZH, 1.0).orElseThrow();
      assertThat(longAudio.duration()).isGreaterThan(shortAudio.duration().multipliedBy(3));
    }

    @Test
    void slowerRateGivesLongerAudio() {
      Audio normal = engine.synthesize(ZH_LONG, Lang.ZH, 1.0).orElseThrow();
      Audio slow = engine.synthesize(ZH_LONG, Lang.ZH, 0.7).orElseThrow();
      assertThat(slow.duration()).isGreaterThan(normal.duration());
    }

    @Test
    void alsoSpeaksEnglish() throws Exception {
      WavCheck.assertAudibleWav(engine.synthesize(EN_LONG, Lang.EN, 1.0).orElseThrow());
    }

    @Test
    void textIsNeverReadAsOptionsOrByAShell(@TempDir Path dir) throws Exception {
      Path marker = dir.resolve("pwned");
      String hostile = "-w " + marker + " $(touch " + marker + "); `touch " + marker + "` 您好";
      Optional<Audio> audio = engine.synthesize(hostile, Lang.ZH, 1.0);
      assertThat(audio).isPresent();
      assertThat(marker).doesNotExist();
    }

    @Test
    void describesItsVersionAndVoices() {
      assertThat(engine.describe()).startsWith("espeak-ng ").contains("Mandarin");
    }
  }

  @Nested
  class WhenEspeakIsMissingOrHangs {
    @Test
    void aMissingProgramIsReportedNotThrown() {
      EspeakNgSynthesizer missing = new EspeakNgSynthesizer("/nonexistent/espeak-ng", Duration.ofSeconds(2));
      assertThat(missing.supports(Lang.ZH)).isFalse();
      assertThat(missing.synthesize(ZH_LONG, Lang.ZH, 1.0)).isEmpty();
      assertThat(missing.describe()).contains("not found", "espeak-ng");
    }

    @Test
    void aHangingProcessIsKilledAtTheTimeout(@TempDir Path dir) throws Exception {
      Path fake = dir.resolve("espeak-ng");
      Files.writeString(fake, """
          #!/bin/sh
          case "$1" in
            --version) echo "eSpeak NG text-to-speech: 9.9  Data at: /x"; exit 0 ;;
            --voices=cmn) echo "Pty Language Age/Gender VoiceName"; echo " 5  cmn  --/M  x  sit/cmn"; exit 0 ;;
          esac
          exec sleep 30
          """);
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
      EspeakNgSynthesizer hanging = new EspeakNgSynthesizer(fake.toString(), Duration.ofMillis(500));
      assertThat(hanging.supports(Lang.ZH)).isTrue();
      long start = System.nanoTime();
      assertThat(hanging.synthesize(ZH_LONG, Lang.ZH, 1.0)).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
