package org.linli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code load run --warmup}: the turn phase runs first for the warm-up's length, its figures
 * reported on one line and kept out of the measured ones. The open model makes the count exact:
 * the measured phase accounts for exactly the messages due in its own length.
 */
class WarmupLoadRunTest {

  @Test
  void theWarmUpIsReportedOnItsOwnLineAndItsTurnsAreNotMeasured() throws Exception {
    try (StubNode node = new StubNode(Duration.ZERO, Duration.ofMillis(10))) {
      StringWriter report = new StringWriter();

      new LoadGenerator(
              node.uri(), 2, Duration.ofSeconds(1), LoadGenerator.Options.webOnly(),
              new LoadGenerator.Pacing.OpenModel(20, false), Duration.ofSeconds(1))
          .run(new PrintWriter(report));

      String text = report.toString();
      assertThat(text).startsWith("load: 2 residents, 1s per phase after a 1s warm-up, against ");
      Matcher warmup = Pattern.compile("(?m)^warm-up: 1s, (\\d+) requests, (\\d+) errors$").matcher(text);
      assertThat(warmup.find()).as(text).isTrue();
      long warm = Long.parseLong(warmup.group(1));
      assertThat(warm).as(text).isPositive();
      assertThat(warmup.group(2)).as(text).isEqualTo("0");
      assertThat(warmup.start()).as("before the measured figures\n" + text).isLessThan(text.indexOf("\nweb "));

      Matcher all = Pattern.compile("(?m)^all\\s+requests=(\\d+) errors=(\\d+) .* unsent=(\\d+)$").matcher(text);
      assertThat(all.find()).as(text).isTrue();
      long measured = Long.parseLong(all.group(1));
      // 20 turns/s for the measured second: 20 due, answered or not sent; none of the warm-up's
      assertThat(measured + Long.parseLong(all.group(3))).as(text).isEqualTo(20);
      assertThat(all.group(2)).as(text).isEqualTo("0");
      assertThat(node.answered).as("what the node received, both phases").hasSize((int) (warm + measured));
    }
  }
}
