package org.linli.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A short mixed load run against a real node with its SMS and WeChat channels on: every request the
 * generator signs (Twilio's algorithm, WeChat's SHA1 and AES) passes the node's own checks, so
 * every channel reports turns and no errors, and the report has a line per channel, one for all
 * of them, the liveness ceiling and the ratio.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "linli.twilio.auth-token=" + MixedLoadRunTest.TWILIO_TOKEN,
      "linli.wechat.token=" + MixedLoadRunTest.WECHAT_TOKEN,
      "linli.wechat.aes-key=" + MixedLoadRunTest.AES_KEY,
      "linli.wechat.app-id=" + MixedLoadRunTest.APP_ID,
      "linli.rate-limit.enabled=false"
    })
@ActiveProfiles("test")
class MixedLoadRunTest {

  static final String TWILIO_TOKEN = "load-test-twilio-token";
  static final String WECHAT_TOKEN = "loadTestToken";
  static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String APP_ID = "wx0123456789abcdef";

  @LocalServerPort int port;

  @Test
  void everyChannelOfAMixedRunIsAnsweredWithoutErrors() throws Exception {
    LoadGenerator.Options options =
        new LoadGenerator.Options(
            LoadGenerator.Options.parseMix("web=1,sms=1,wechat=1"), TWILIO_TOKEN, "", WECHAT_TOKEN, AES_KEY, APP_ID);
    StringWriter report = new StringWriter();

    new LoadGenerator(URI.create("http://127.0.0.1:" + port + "/"), 6, Duration.ofSeconds(3), options)
        .run(new PrintWriter(report));

    String text = report.toString();
    assertThat(text).contains("mix: web=2, sms=2, wechat=2 residents");
    for (String channel : new String[] {"web", "sms", "wechat", "all", "liveness"}) {
      Matcher line = Pattern.compile("(?m)^" + channel + "\\s+requests=(\\d+) errors=(\\d+) ").matcher(text);
      assertThat(line.find()).as(channel + " in\n" + text).isTrue();
      assertThat(Long.parseLong(line.group(1))).as(channel + " requests\n" + text).isPositive();
      assertThat(line.group(2)).as(channel + " errors\n" + text).isEqualTo("0");
    }
    assertThat(text).contains("ratio: conversation turns/s (all channels) are");
  }

  @Test
  void anOpenModelRunAgainstTheNodeReportsTheOfferedAndAchievedRates() throws Exception {
    LoadGenerator.Options options =
        new LoadGenerator.Options(
            LoadGenerator.Options.parseMix("web=1,sms=1,wechat=1"), TWILIO_TOKEN, "", WECHAT_TOKEN, AES_KEY, APP_ID);
    StringWriter report = new StringWriter();

    new LoadGenerator(
            URI.create("http://127.0.0.1:" + port + "/"), 6, Duration.ofSeconds(3), options,
            new LoadGenerator.Pacing.OpenModel(12, false))
        .run(new PrintWriter(report));

    String text = report.toString();
    assertThat(text).contains("schedule: open model, 12.0 turns/s offered (uniform arrivals, each resident every 500.0 ms)");
    for (String channel : new String[] {"web", "sms", "wechat", "all"}) {
      Matcher line =
          Pattern.compile("(?m)^" + channel + "\\s+requests=(\\d+) errors=(\\d+) .* late=(\\d+) unsent=(\\d+)$")
              .matcher(text);
      assertThat(line.find()).as(channel + " in\n" + text).isTrue();
      assertThat(Long.parseLong(line.group(1))).as(channel + " requests\n" + text).isPositive();
      assertThat(line.group(2)).as(channel + " errors\n" + text).isEqualTo("0");
      if (channel.equals("all")) {
        // 12 turns/s for 3 s: every one of the 36 messages due was answered or is counted as not sent
        assertThat(Long.parseLong(line.group(1)) + Long.parseLong(line.group(4))).as(text).isEqualTo(36);
      }
    }
    assertThat(text)
        .containsPattern("rate: offered=12\\.0/s achieved=[\\d.]+/s late=\\d+ ")
        .contains("liveness: closed loop")
        .containsPattern("(?m)^liveness\\s+requests=[1-9]\\d* errors=0 ")
        .doesNotContain("ratio:");
  }

  @Test
  void aMixThatCannotBeSignedIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> LoadGenerator.Options.parseMix("web=1,fax=2"))
        .hasMessageContaining("unknown channel in --mix: fax");
    assertThatThrownBy(() -> LoadGenerator.Options.parseMix("web=0"))
        .hasMessageContaining("no channel with a positive weight");
    LoadGenerator.Options noToken =
        new LoadGenerator.Options(Map.of(LoadGenerator.Channel.SMS, 1), "", "", "", "", "");
    assertThatThrownBy(
            () -> new LoadGenerator(URI.create("http://127.0.0.1:" + port + "/"), 1, Duration.ofSeconds(1), noToken))
        .hasMessageContaining("--twilio-auth-token");
  }
}
