package org.linli.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.linli.channels.twilio.TwilioSignatures;

/**
 * Simulated residents against a running node, over real HTTP: each resident holds a multi-turn
 * conversation (a greeting, policy questions, thanks, goodbye — utterances from the bundled
 * training data) on one channel — web chat, signed Twilio SMS webhooks or signed (optionally
 * encrypted) WeChat messages, in a configurable mix — then starts another, until the time is up.
 * Then the same number of clients hit the liveness probe for the same time, which measures what
 * the web stack itself does on this machine, so the report can say how far a real turn is from it.
 *
 * <p>By default the residents form a closed loop: each sends its next message the moment the
 * previous answer arrives, so the node's speed sets the rate. With a {@link Pacing.OpenModel} rate
 * the messages arrive on a schedule instead, whatever the node does, and each latency counts from
 * the message's scheduled send time, so a node that falls behind shows it in the percentiles (see
 * {@link Pacer}). The liveness phase is a closed loop in both cases: it measures a ceiling.
 *
 * <p>Each resident is a platform thread with one kept-alive HTTP/1.1 connection of its own ({@link
 * Http1Connection}), as a resident's phone or browser would have. Not a virtual thread: from the
 * packaged jar, virtual threads that load classes at the same moment can pin both carriers on
 * Spring Boot's nested-jar lock and stop for good (what stopped a node in session 10,
 * spring-boot#51463; docs/deployment.md), and every resident starts at once.
 *
 * <p>SMS webhooks are signed with Twilio's own algorithm ({@link TwilioSignatures}, the SDK's
 * RequestValidator) and WeChat messages with WxJava's ({@link SHA1}, {@link WxCryptUtil}), using the
 * same secrets the node is configured with, so each request passes the node's real checks.
 *
 * <p>Only loopback addresses: this is a tool for measuring one's own node, not for loading someone
 * else's service.
 */
final class LoadGenerator {

  static final String CHAT_PATH = "/api/chat/messages";
  static final String LIVENESS_PATH = "/actuator/health/liveness";
  static final String SMS_PATH = "/channels/twilio/sms";
  static final String WECHAT_PATH = "/channels/wechat";
  private static final java.util.concurrent.atomic.AtomicLong WECHAT_MSG_IDS =
      new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() * 1_000);

  /** The turns of one simulated conversation, by intent. */
  static final List<String> SCRIPT =
      List.of("greet", "ask_policy", "ask_policy", "ask_policy", "thanks", "goodbye");

  /** The channels a simulated resident may use. */
  enum Channel {
    WEB,
    SMS,
    WECHAT
  }

  /**
   * How the residents are spread over the channels, and the secrets the node checks signatures
   * with.
   *
   * @param weights relative share of residents per channel (for example web 2, sms 1, wechat 1)
   * @param publicBaseUrl the base URL Twilio signatures are computed for (the node's {@code
   *     linli.twilio.public-base-url}); empty means the target URL
   */
  record Options(
      Map<Channel, Integer> weights,
      String twilioAuthToken,
      String publicBaseUrl,
      String wechatToken,
      String wechatAesKey,
      String wechatAppId) {

    static Options webOnly() {
      return new Options(Map.of(Channel.WEB, 1), "", "", "", "", "");
    }

    /** Parses {@code web=2,sms=1,wechat=1}; a channel left out gets no residents. */
    static Map<Channel, Integer> parseMix(String text) {
      Map<Channel, Integer> weights = new java.util.EnumMap<>(Channel.class);
      for (String part : text.split(",")) {
        String p = part.strip();
        if (p.isEmpty()) {
          continue;
        }
        String[] kv = p.split("=", 2);
        Channel channel;
        try {
          channel = Channel.valueOf(kv[0].strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown channel in --mix: " + kv[0] + " (web, sms, wechat)");
        }
        int weight;
        try {
          weight = kv.length == 1 ? 1 : Integer.parseInt(kv[1].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a whole number in --mix: " + p);
        }
        if (weight < 0) {
          throw new IllegalArgumentException("negative weight in --mix: " + p);
        }
        if (weight > 0) {
          weights.put(channel, weight);
        }
      }
      if (weights.isEmpty()) {
        throw new IllegalArgumentException("--mix names no channel with a positive weight");
      }
      return weights;
    }

    void check() {
      if (weights.containsKey(Channel.SMS) && twilioAuthToken.isBlank()) {
        throw new IllegalArgumentException(
            "sms in --mix needs --twilio-auth-token (the node's TWILIO_AUTH_TOKEN)");
      }
      if (weights.containsKey(Channel.WECHAT) && wechatToken.isBlank()) {
        throw new IllegalArgumentException("wechat in --mix needs --wechat-token (the node's WECHAT_TOKEN)");
      }
      if (!wechatAesKey.isBlank() && (wechatAesKey.length() != 43 || wechatAppId.isBlank())) {
        throw new IllegalArgumentException(
            "--wechat-aes-key must have 43 characters and needs --wechat-app-id");
      }
    }
  }

  /** When residents send their messages. */
  sealed interface Pacing {

    /** Each resident sends its next message the moment the previous answer arrives. */
    record ClosedLoop() implements Pacing {}

    /**
     * All residents together send {@code rate} messages per second, each on its own fixed schedule.
     *
     * @param poisson exponential gaps between a resident's messages (Poisson arrivals overall)
     *     instead of a fixed period with the residents' start times spread evenly
     */
    record OpenModel(double rate, boolean poisson) implements Pacing {}

    /**
     * Reads {@code --rate} and {@code --arrivals}: no rate is the closed loop.
     *
     * @throws IllegalArgumentException with a message for the person who typed the options
     */
    static Pacing parse(String rate, String arrivals) {
      String a = arrivals == null ? "" : arrivals.strip().toLowerCase(java.util.Locale.ROOT);
      if (!a.isEmpty() && !a.equals("uniform") && !a.equals("poisson")) {
        throw new IllegalArgumentException("--arrivals must be uniform or poisson, not " + arrivals.strip());
      }
      if (rate == null || rate.isBlank()) {
        if (!a.isEmpty()) {
          throw new IllegalArgumentException("--arrivals needs --rate (turns per second, all residents together)");
        }
        return new ClosedLoop();
      }
      double r;
      try {
        r = Double.parseDouble(rate.strip());
      } catch (NumberFormatException e) {
        r = Double.NaN;
      }
      if (!Double.isFinite(r) || r <= 0) {
        throw new IllegalArgumentException(
            "--rate must be a positive number of turns per second, all residents together (for example 500), not "
                + rate.strip());
      }
      return new OpenModel(r, a.equals("poisson"));
    }
  }

  /** A message sent more than this after its scheduled time counts as late. */
  static final Duration LATE = Duration.ofMillis(10);

  /** The latency the issue's target allows at p99; turns over it are located in time. */
  static final Duration SLOW = Duration.ofMillis(100);

  /**
   * @param late open model: messages sent more than {@link #LATE} after their scheduled time
   * @param unsent open model: messages scheduled before the end that were not sent (their
   *     resident was still waiting for an earlier answer)
   * @param slowBySecond turns answered after more than {@link #SLOW}, by the second of the phase
   *     their latency counts from (0 is the first second); only seconds that had one
   */
  record Phase(
      String name,
      long requests,
      long errors,
      double seconds,
      long p50,
      long p95,
      long p99,
      long max,
      long late,
      long unsent,
      java.util.SortedMap<Integer, Integer> slowBySecond) {
    double throughput() {
      return seconds <= 0 ? 0 : requests / seconds;
    }
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final InetSocketAddress address;
  private final String hostHeader;
  private final Options options;
  private final int residents;
  private final Duration duration;
  private final Pacing pacing;
  private final Duration warmup;
  private final Map<String, List<String>> utterances;

  LoadGenerator(URI base, int residents, Duration duration) throws IOException {
    this(base, residents, duration, Options.webOnly());
  }

  LoadGenerator(URI base, int residents, Duration duration, Options options) throws IOException {
    this(base, residents, duration, options, new Pacing.ClosedLoop());
  }

  LoadGenerator(URI base, int residents, Duration duration, Options options, Pacing pacing)
      throws IOException {
    this(base, residents, duration, options, pacing, Duration.ZERO);
  }

  /**
   * @param warmup how long to run the turn phase first, figures discarded (zero: not at all)
   */
  LoadGenerator(URI base, int residents, Duration duration, Options options, Pacing pacing, Duration warmup)
      throws IOException {
    if (!"http".equalsIgnoreCase(base.getScheme())) {
      throw new IllegalArgumentException("only http:// URLs (a node on this machine): " + base);
    }
    if (!loopback(base)) {
      throw new IllegalArgumentException("only loopback addresses (localhost, 127.0.0.1, ::1): " + base.getHost());
    }
    options.check();
    this.options = options;
    this.base = base;
    int port = base.getPort() < 0 ? 80 : base.getPort();
    this.address = new InetSocketAddress(InetAddress.getByName(base.getHost()), port);
    this.hostHeader = base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + port;
    this.residents = residents;
    this.duration = duration;
    this.pacing = pacing;
    this.warmup = warmup;
    this.utterances = loadUtterances();
  }

  static boolean loopback(URI uri) {
    try {
      return uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static Map<String, List<String>> loadUtterances() throws IOException {
    Map<String, List<String>> byIntent = new HashMap<>();
    try (InputStream in = LoadGenerator.class.getResourceAsStream("/org/linli/dialog/intents/train.tsv")) {
      if (in == null) {
        throw new IOException("the bundled training utterances are missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cols = line.split("\t");
        if (line.startsWith("#") || cols.length < 2) {
          continue;
        }
        byIntent.computeIfAbsent(cols[1].strip(), k -> new ArrayList<>()).add(cols[0].strip());
      }
    }
    for (String intent : SCRIPT) {
      if (!byIntent.containsKey(intent)) {
        throw new IOException("no training utterances for " + intent);
      }
    }
    return byIntent;
  }

  void run(PrintWriter out) throws InterruptedException {
    out.printf(
        "load: %d residents, %s per phase%s, against %s%n",
        residents, pretty(duration), warmup.isZero() ? "" : " after a " + pretty(warmup) + " warm-up", base);
    out.flush();
    out.printf("mix: %s%n", mixDescription());
    if (pacing instanceof Pacing.OpenModel open) {
      out.printf(
          "schedule: open model, %s turns/s offered (%s); latency counts from each message's"
              + " scheduled send time%n",
          rate(open.rate()),
          open.poisson()
              ? "Poisson arrivals, each resident every " + millis(residents / open.rate()) + " on average"
              : "uniform arrivals, each resident every " + millis(residents / open.rate()));
    }
    out.flush();
    if (!warmup.isZero()) {
      // the same turns, so that both JITs (the node's and this one's) have compiled what the
      // measured phase runs; its figures are not kept
      Phase warm = mixedPhase(warmup).getLast();
      out.printf("warm-up: %s, %d requests, %d errors%n", pretty(warmup), warm.requests(), warm.errors());
      out.flush();
    }
    List<Phase> turns = mixedPhase(duration);
    turns.forEach(p -> print(out, p));
    Phase chat = turns.getLast();
    if (pacing instanceof Pacing.OpenModel open) {
      out.printf(
          "rate: offered=%s/s achieved=%s/s late=%d (sent more than %d ms after their scheduled time)"
              + " unsent=%d (scheduled before the end, not sent)%n",
          rate(open.rate()), rate(chat.throughput()), chat.late(), LATE.toMillis(), chat.unsent());
      out.println(slowLine(chat, duration));
      out.println(
          "liveness: closed loop, as without --rate (each client asks again the moment it is"
              + " answered): the web stack's ceiling");
      out.flush();
    }
    Phase liveness = phase("liveness", this::liveness);
    print(out, liveness);
    if (pacing instanceof Pacing.OpenModel) {
      // the turn rate is what was offered, not what the node can do: a ratio to the ceiling
      // would say nothing
      return;
    }
    out.printf(
        "ratio: conversation turns/s (all channels) are %.1f%% of the liveness probe's requests/s"
            + " (same clients, same machine)%n",
        liveness.throughput() == 0 ? 0 : 100 * chat.throughput() / liveness.throughput());
    out.flush();
  }

  /** One client's work until the deadline, on its own connection; records each request. */
  private interface Client {
    void run(Http1Connection http, long deadline, Recorder recorder) throws Exception;
  }

  private static final class Recorder {
    long[] micros = new long[1024];
    /** Per request, the second of the phase its latency counts from. */
    int[] seconds = new int[1024];
    int count;
    long errors;
    final Pacer pacer;
    private final long phaseStart;

    Recorder(long phaseStart) {
      this(Pacer.CLOSED_LOOP, phaseStart);
    }

    Recorder(Pacer pacer, long phaseStart) {
      this.pacer = pacer;
      this.phaseStart = phaseStart;
    }

    void ok(long startNanos) {
      if (count == micros.length) {
        micros = Arrays.copyOf(micros, count * 2);
        seconds = Arrays.copyOf(seconds, count * 2);
      }
      micros[count] = (System.nanoTime() - startNanos) / 1_000;
      seconds[count++] = (int) Math.max(0, (startNanos - phaseStart) / 1_000_000_000L);
    }
  }

  /**
   * When one resident sends. Closed loop: right away, until the deadline. Open model: message
   * {@code k} is due at a fixed time (the phase's start, plus the resident's offset, plus {@code k}
   * periods; or exponential gaps for Poisson arrivals). A resident is one person and never has two
   * messages in flight, so when an answer comes after the next message was due, that message goes
   * at once, counts as late, and its latency still counts from when it was due (the
   * coordinated-omission correction of wrk2 and HdrHistogram): a node that stalls shows the wait
   * every resident would have had, not only the one slow answer. The schedule does not shift, so a
   * resident that fell behind catches up by sending back to back. Nothing is sent after the
   * deadline; what was due before it and not sent is counted as unsent.
   */
  static final class Pacer {

    static final Pacer CLOSED_LOOP = new Pacer(0, 0, false);

    private final long periodNanos;
    private final boolean poisson;
    private long due;
    private long measureFrom;
    long late;
    long unsent;

    private Pacer(long firstDue, long periodNanos, boolean poisson) {
      this.periodNanos = periodNanos;
      this.poisson = poisson;
      this.due = firstDue;
    }

    /** Resident {@code i} of {@code n}, with the phase starting at {@code start} (nanoTime). */
    static Pacer of(Pacing pacing, int i, int n, long start) {
      return switch (pacing) {
        case Pacing.ClosedLoop closed -> CLOSED_LOOP;
        case Pacing.OpenModel(double rate, boolean poisson) -> {
          long period = Math.max(1, Math.round(n * 1e9 / rate));
          Pacer p = new Pacer(start, period, poisson);
          // uniform: residents 0..n-1 spread over one period, so arrivals are evenly spaced overall
          p.due += poisson ? p.gap() : period * i / n;
          yield p;
        }
      };
    }

    /**
     * Waits until the next message is due; false when the phase is over and nothing more is sent.
     */
    boolean awaitNext(long deadline) throws InterruptedException {
      long now = System.nanoTime();
      if (periodNanos == 0) {
        return now < deadline;
      }
      if (due >= deadline || now >= deadline) {
        return false;
      }
      while (now < due) {
        Thread.sleep(Duration.ofNanos(due - now));
        now = System.nanoTime();
      }
      if (now - due > LATE.toNanos()) {
        late++;
      }
      measureFrom = due;
      due += gap();
      return true;
    }

    /** Where the latency of the message about to be sent counts from. */
    long measureFrom() {
      return periodNanos == 0 ? System.nanoTime() : measureFrom;
    }

    /** Counts the messages that were due before the deadline and not sent. */
    void finish(long deadline) {
      if (periodNanos == 0) {
        return;
      }
      while (due < deadline) {
        unsent++;
        due += gap();
      }
    }

    private long gap() {
      if (!poisson) {
        return periodNanos;
      }
      return Math.max(1, Math.round(-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * periodNanos));
    }
  }

  /** Which channel resident {@code i} of {@code n} uses: shares in proportion to the weights. */
  static Channel channelOf(int i, int n, Map<Channel, Integer> weights) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    double at = (i + 0.5) / n * total;
    int sum = 0;
    Channel last = null;
    for (Channel c : Channel.values()) {
      Integer w = weights.get(c);
      if (w == null) {
        continue;
      }
      sum += w;
      last = c;
      if (at < sum) {
        return c;
      }
    }
    return last;
  }

  private String mixDescription() {
    Map<Channel, Integer> counts = new java.util.EnumMap<>(Channel.class);
    for (int i = 0; i < residents; i++) {
      counts.merge(channelOf(i, residents, options.weights()), 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder();
    counts.forEach((c, n) -> b.append(b.isEmpty() ? "" : ", ").append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n));
    return b + " residents";
  }

  /** One phase with every resident on its channel; a line per channel, then all of them. */
  private List<Phase> mixedPhase(Duration length) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + length.toNanos();
    Map<Channel, List<Recorder>> byChannel = new java.util.EnumMap<>(Channel.class);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < residents; i++) {
      Channel channel = channelOf(i, residents, options.weights());
      Recorder r = new Recorder(Pacer.of(pacing, i, residents, start), start);
      byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(r);
      int resident = i;
      Client client =
          switch (channel) {
            case WEB -> this::conversation;
            case SMS -> (http, d, rec) -> smsConversation(http, resident, d, rec);
            case WECHAT -> this::wechatConversation;
          };
      threads.add(startClient(client, deadline, r));
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Phase> phases = new ArrayList<>();
    List<Recorder> all = new ArrayList<>();
    byChannel.forEach((channel, recorders) -> {
      phases.add(summary(channel.name().toLowerCase(java.util.Locale.ROOT), recorders, seconds));
      all.addAll(recorders);
    });
    phases.add(summary("all", all, seconds));
    return phases;
  }

  private Phase phase(String name, Client client) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Recorder> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < residents; i++) {
      Recorder r = new Recorder(start);
      recorders.add(r);
      threads.add(startClient(client, deadline, r));
    }
    for (Thread t : threads) {
      t.join();
    }
    return summary(name, recorders, (System.nanoTime() - start) / 1e9);
  }

  /**
   * One resident's client on a thread of its own, with one keep-alive connection; a failure counts
   * as an error of its recorder.
   */
  private Thread startClient(Client client, long deadline, Recorder r) {
    return Thread.ofPlatform().name("resident").daemon(true).start(() -> {
      try (Http1Connection http = new Http1Connection(address, hostHeader, CONNECT_TIMEOUT, READ_TIMEOUT)) {
        client.run(http, deadline, r);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        r.errors++;
      } finally {
        r.pacer.finish(deadline);
      }
    });
  }

  private static Phase summary(String name, List<Recorder> recorders, double seconds) {
    int total = recorders.stream().mapToInt(r -> r.count).sum();
    long[] all = new long[total];
    int at = 0;
    long errors = 0;
    long late = 0;
    long unsent = 0;
    long slow = SLOW.toNanos() / 1_000;
    java.util.SortedMap<Integer, Integer> slowBySecond = new java.util.TreeMap<>();
    for (Recorder r : recorders) {
      System.arraycopy(r.micros, 0, all, at, r.count);
      at += r.count;
      errors += r.errors;
      late += r.pacer.late;
      unsent += r.pacer.unsent;
      for (int k = 0; k < r.count; k++) {
        if (r.micros[k] > slow) {
          slowBySecond.merge(r.seconds[k], 1, Integer::sum);
        }
      }
    }
    Arrays.sort(all);
    return new Phase(
        name, total, errors, seconds, pct(all, 50), pct(all, 95), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1],
        late, unsent, slowBySecond);
  }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private void conversation(Http1Connection http, long deadline, Recorder recorder) throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadline) {
      String conversation = null;
      for (String intent : SCRIPT) {
        if (!recorder.pacer.awaitNext(deadline)) {
          return;
        }
        List<String> choices = utterances.get(intent);
        String text = choices.get(random.nextInt(choices.size()));
        String body =
            "{\"text\":" + jsonString(text)
                + (conversation == null ? "" : ",\"conversationId\":\"" + conversation + "\"")
                + ",\"messageId\":\"load-" + UUID.randomUUID() + "\"}";
        long t0 = recorder.pacer.measureFrom();
        Http1Connection.Response r;
        try {
          r = http.post(CHAT_PATH, "application/json", body);
        } catch (IOException e) {
          recorder.errors++;
          break;
        }
        if (r.status() != 200) {
          recorder.errors++;
          break;
        }
        recorder.ok(t0);
        if (conversation == null) {
          conversation = conversationId(r.body());
          if (conversation == null) {
            recorder.errors++;
            break;
          }
        }
      }
    }
  }

  /** The same script as text messages from one phone, as Twilio's signed webhooks. */
  private void smsConversation(Http1Connection http, int resident, long deadline, Recorder recorder)
      throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // a number per resident and run: +86 139 then 8 digits
    String from = String.format("+86139%08d", (random.nextInt(10_000) * 10_000L + resident) % 100_000_000L);
    String signedBase = options.publicBaseUrl().isBlank() ? trimSlash(base.toString()) : trimSlash(options.publicBaseUrl());
    while (System.nanoTime() < deadline) {
      for (String intent : SCRIPT) {
        if (!recorder.pacer.awaitNext(deadline)) {
          return;
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("AccountSid", "AC" + "0".repeat(32));
        form.put("From", from);
        form.put("To", "+861012345");
        form.put("Body", pick(intent, random));
        form.put("NumMedia", "0");
        String signature =
            TwilioSignatures.sign(options.twilioAuthToken(), signedBase + SMS_PATH, form);
        long t0 = recorder.pacer.measureFrom();
        Http1Connection.Response r;
        try {
          r = http.post(
              SMS_PATH, "application/x-www-form-urlencoded; charset=UTF-8", formBody(form),
              TwilioSignatures.HEADER, signature);
        } catch (IOException e) {
          recorder.errors++;
          break;
        }
        if (r.status() != 200 || !r.body().contains("<Response")) {
          recorder.errors++;
          break;
        }
        recorder.ok(t0);
      }
    }
  }

  /** The same script as WeChat text messages from one follower, signed (and encrypted if set). */
  private void wechatConversation(Http1Connection http, long deadline, Recorder recorder) throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String openId = "o-load-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    WxCryptUtil crypt =
        options.wechatAesKey().isBlank()
            ? null
            : new WxCryptUtil(options.wechatToken(), options.wechatAesKey(), options.wechatAppId());
    while (System.nanoTime() < deadline) {
      for (String intent : SCRIPT) {
        if (!recorder.pacer.awaitNext(deadline)) {
          return;
        }
        String xml =
            "<xml><ToUserName><![CDATA[gh_linli_load]]></ToUserName><FromUserName><![CDATA["
                + openId
                + "]]></FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
                + pick(intent, random)
                + "]]></Content><MsgId>"
                + WECHAT_MSG_IDS.incrementAndGet()
                + "</MsgId></xml>";
        String query;
        String body;
        if (crypt == null) {
          String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
          String nonce = Long.toString(random.nextLong(1L << 40));
          query = "signature=" + SHA1.gen(options.wechatToken(), timestamp, nonce)
              + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=" + openId;
          body = xml;
        } else {
          WxCryptUtil.EncryptContext ctx = crypt.encryptContext(xml);
          query = "signature=" + SHA1.gen(options.wechatToken(), ctx.getTimeStamp(), ctx.getNonce())
              + "&timestamp=" + ctx.getTimeStamp() + "&nonce=" + ctx.getNonce() + "&openid=" + openId
              + "&encrypt_type=aes&msg_signature=" + ctx.getSignature();
          body = "<xml><ToUserName><![CDATA[gh_linli_load]]></ToUserName><Encrypt><![CDATA["
              + ctx.getEncrypt() + "]]></Encrypt></xml>";
        }
        long t0 = recorder.pacer.measureFrom();
        Http1Connection.Response r;
        try {
          r = http.post(WECHAT_PATH + "?" + query, "text/xml; charset=UTF-8", body);
        } catch (IOException e) {
          recorder.errors++;
          break;
        }
        // a passive reply (XML) or "success" when the answer goes out later through the API
        if (r.status() != 200 || !(r.body().contains("<xml") || r.body().equals("success"))) {
          recorder.errors++;
          break;
        }
        recorder.ok(t0);
      }
    }
  }

  private String pick(String intent, ThreadLocalRandom random) {
    List<String> choices = utterances.get(intent);
    return choices.get(random.nextInt(choices.size()));
  }

  static String formBody(Map<String, String> form) {
    StringBuilder b = new StringBuilder();
    form.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&")
        .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private void liveness(Http1Connection http, long deadline, Recorder recorder) {
    while (System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      try {
        if (http.get(LIVENESS_PATH).status() == 200) {
          recorder.ok(t0);
        } else {
          recorder.errors++;
        }
      } catch (IOException e) {
        recorder.errors++;
      }
    }
  }

  static String conversationId(String json) {
    int i = json.indexOf("\"conversationId\":\"");
    if (i < 0) {
      return null;
    }
    int from = i + "\"conversationId\":\"".length();
    int to = json.indexOf('"', from);
    return to < 0 ? null : json.substring(from, to);
  }

  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private void print(PrintWriter out, Phase p) {
    out.printf(
        "%-9s requests=%d errors=%d throughput=%.1f/s p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms",
        p.name(), p.requests(), p.errors(), p.throughput(), p.p50() / 1000.0, p.p95() / 1000.0,
        p.p99() / 1000.0, p.max() / 1000.0);
    if (pacing instanceof Pacing.OpenModel && !p.name().equals("liveness")) {
      out.printf(" late=%d unsent=%d", p.late(), p.unsent());
    }
    out.println();
    out.flush();
  }

  /**
   * Where in the phase the turns over {@link #SLOW} were: one stall of the node or the machine
   * puts them in one or two seconds, collections or a queue that never drains spread them out.
   * The seconds with the most come first, at most eight.
   */
  private static String slowLine(Phase p, Duration length) {
    long slow = p.slowBySecond().values().stream().mapToLong(Integer::longValue).sum();
    String head = String.format(java.util.Locale.ROOT, "over %d ms:", SLOW.toMillis());
    if (slow == 0) {
      return head + " none";
    }
    long phaseSeconds = Math.max(1, (length.toMillis() + 999) / 1000);
    StringBuilder b = new StringBuilder(head)
        .append(String.format(
            java.util.Locale.ROOT, " %d turns (%.1f%%), due in %d of %d seconds (second of the phase=turns):",
            slow, 100.0 * slow / Math.max(1, p.requests()), p.slowBySecond().size(), phaseSeconds));
    p.slowBySecond().entrySet().stream()
        .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(8)
        .forEach(e -> b.append(' ').append(e.getKey()).append("s=").append(e.getValue()));
    return b.toString();
  }

  private static String rate(double perSecond) {
    return String.format(java.util.Locale.ROOT, "%.1f", perSecond);
  }

  private static String millis(double seconds) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", seconds * 1000);
  }

  static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("pt") || t.startsWith("p")) {
      return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
    }
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(t));
  }

  private static String pretty(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
