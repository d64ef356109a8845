package org.linli.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code load run --rate}: residents send on a schedule whatever the node does, and latency counts
 * from when each message was due. A local HTTP stub plays the node (answering at once, or after a
 * fixed delay), so the figures the report must show are known; the run against the real node is in
 * {@link MixedLoadRunTest}.
 */
class OpenModelLoadRunTest {

  private StubNode node;
  /** Per chat message the stub answered: when it arrived and when the answer was written (nanoTime). */
  private List<long[]> answered;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aFastNodeIsSentTheOfferedRateAndNoMore() throws Exception {
    URI node = stubNode(Duration.ZERO);

    String report = run(node, 10, Duration.ofSeconds(2), new LoadGenerator.Pacing.OpenModel(100, false));

    assertThat(report)
        .contains("schedule: open model, 100.0 turns/s offered (uniform arrivals, each resident every 100.0 ms)")
        .contains("liveness: closed loop, as without --rate")
        .doesNotContain("ratio:");
    Matcher all = line(report, "all");
    long requests = Long.parseLong(all.group(1));
    assertThat(all.group(2)).as(report).isEqualTo("0");
    // 100 turns/s for 2 s: 200 messages due, each one either answered or counted as not sent
    assertThat(requests + Long.parseLong(all.group(4))).as(report).isEqualTo(200);
    assertThat(answered).as("what the node received").hasSize((int) requests);
    Matcher rate = Pattern.compile("rate: offered=100\\.0/s achieved=([\\d.]+)/s late=(\\d+) ").matcher(report);
    assertThat(rate.find()).as(report).isTrue();
    assertThat(Double.parseDouble(rate.group(1))).as(report).isBetween(80.0, 101.0);
    assertThat(line(report, "liveness").group(1)).as(report).isNotEqualTo("0");
  }

  @Test
  void aSlowNodesLatencyIncludesTheWaitOfMessagesThatWereDueWhileTheAnswerWasPending() throws Exception {
    URI node = stubNode(Duration.ofMillis(200));

    // one resident due every 50 ms; each answer takes at least 200 ms, so every message after the
    // first is sent late, the moment the previous answer arrives
    String report = run(node, 1, Duration.ofMillis(1500), new LoadGenerator.Pacing.OpenModel(20, false));

    Matcher all = line(report, "all");
    long requests = Long.parseLong(all.group(1));
    assertThat(requests).as(report).isGreaterThanOrEqualTo(2);
    assertThat(all.group(2)).as(report).isEqualTo("0");
    assertThat(Long.parseLong(all.group(3))).as("late\n" + report).isGreaterThanOrEqualTo(requests - 1);
    assertThat(requests + Long.parseLong(all.group(4))).as("due in 1.5 s\n" + report).isEqualTo(30);

    double maxMs = Double.parseDouble(maxOf(report, "all"));
    long[] first = answered.getFirst();
    double longestAnswerMs = 0;
    double fromScheduleAtLeastMs = 0;
    for (int k = 0; k < answered.size(); k++) {
      long[] a = answered.get(k);
      longestAnswerMs = Math.max(longestAnswerMs, (a[1] - a[0]) / 1e6);
      // message k was due 50 ms * k after the first one (or earlier, if that one went late)
      fromScheduleAtLeastMs = Math.max(fromScheduleAtLeastMs, (a[1] - first[0]) / 1e6 - 50.0 * k);
    }
    assertThat(maxMs).as(report).isGreaterThanOrEqualTo(fromScheduleAtLeastMs - 0.1);
    // timed from the actual send, every latency would be about one answer's time
    assertThat(maxMs).as(report).isGreaterThan(longestAnswerMs + 100);
  }

  @Test
  void turnsOverOneHundredMillisecondsAreLocatedInTheSecondOfTheStallThatHeldThemUp() throws Exception {
    // a node that answers at once, except that what arrives 1.3 to 1.7 s into the run waits until 1.7 s
    node = new StubNode(Duration.ZERO, Duration.ZERO, Duration.ofMillis(1300), Duration.ofMillis(1700));
    answered = node.answered;

    String report = run(node.uri(), 10, Duration.ofSeconds(3), new LoadGenerator.Pacing.OpenModel(100, false));

    // due 1.3 to 1.6 s: about 30 turns waited more than 100 ms, all due in the phase's second 1
    Matcher slow =
        Pattern.compile("(?m)^over 100 ms: (\\d+) turns \\([\\d.]+%\\), due in (\\d+) of 3 seconds \\(second of the phase=turns\\): (\\d+)s=(\\d+)")
            .matcher(report);
    assertThat(slow.find()).as(report).isTrue();
    assertThat(slow.group(3)).as("the second with the most\n" + report).isEqualTo("1");
    assertThat(Integer.parseInt(slow.group(4))).as(report).isBetween(20, 45);
  }

  @Test
  void aRunWithNoTurnOverOneHundredMillisecondsSaysSo() throws Exception {
    URI node = stubNode(Duration.ZERO);

    String report = run(node, 5, Duration.ofSeconds(1), new LoadGenerator.Pacing.OpenModel(20, false));

    assertThat(report).as(report).containsPattern("(?m)^over 100 ms: none$");
  }

  @Test
  void poissonArrivalsAverageTheOfferedRate() {
    long due = 0;
    for (int i = 0; i < 10; i++) {
      LoadGenerator.Pacer pacer = LoadGenerator.Pacer.of(new LoadGenerator.Pacing.OpenModel(100, true), i, 10, 0);
      pacer.finish(Duration.ofSeconds(100).toNanos()); // counts every message due in 100 s
      due += pacer.unsent;
    }
    assertThat(due).isBetween(9_500L, 10_500L); // 10,000 expected, standard deviation 100
  }

  @Test
  void aRateThatIsNotAPositiveNumberIsRefusedWithTheReason() {
    for (String bad : new String[] {"0", "-5", "fast", "NaN", "Infinity", "500/s"}) {
      assertThatThrownBy(() -> LoadGenerator.Pacing.parse(bad, null))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--rate must be a positive number of turns per second")
          .hasMessageEndingWith("not " + bad);
    }
    assertThatThrownBy(() -> LoadGenerator.Pacing.parse(null, "poisson")).hasMessageContaining("--arrivals needs --rate");
    assertThatThrownBy(() -> LoadGenerator.Pacing.parse("500", "bursty"))
        .hasMessageContaining("--arrivals must be uniform or poisson");
    assertThat(LoadGenerator.Pacing.parse(null, null)).isInstanceOf(LoadGenerator.Pacing.ClosedLoop.class);
    assertThat(LoadGenerator.Pacing.parse(" 500 ", "Poisson")).isEqualTo(new LoadGenerator.Pacing.OpenModel(500, true));
    assertThat(LoadGenerator.Pacing.parse("2.5", null)).isEqualTo(new LoadGenerator.Pacing.OpenModel(2.5, false));
  }

  private static String run(URI node, int residents, Duration duration, LoadGenerator.Pacing pacing) throws Exception {
    StringWriter report = new StringWriter();
    new LoadGenerator(node, residents, duration, LoadGenerator.Options.webOnly(), pacing).run(new PrintWriter(report));
    return report.toString();
  }

  /** Groups: requests, errors, late, unsent. */
  private static Matcher line(String report, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + name + "\\s+requests=(\\d+) errors=(\\d+) .*?(?: late=(\\d+) unsent=(\\d+))?$")
            .matcher(report);
    assertThat(m.find()).as(name + " in\n" + report).isTrue();
    return m;
  }

  private static String maxOf(String report, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\s+.* max=([\\d.]+)ms").matcher(report);
    assertThat(m.find()).as(name + " in\n" + report).isTrue();
    return m.group(1);
  }

  /** Web chat that answers after {@code delay}, and a liveness probe that answers at once. */
  private URI stubNode(Duration delay) throws IOException {
    node = new StubNode(delay, Duration.ZERO);
    answered = node.answered;
    return node.uri();
  }
}
