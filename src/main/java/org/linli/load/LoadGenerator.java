package org.linli.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Simulated residents against a running node, over real HTTP: each resident holds a multi-turn web
 * chat conversation (a greeting, policy questions, thanks, goodbye — utterances from the bundled
 * training data), then starts another, until the time is up. Then the same number of clients hit
 * the liveness probe for the same time, which measures what the web stack itself does on this
 * machine, so the report can say how far a real turn is from it.
 *
 * <p>Only loopback addresses: this is a tool for measuring one's own node, not for loading someone
 * else's service.
 */
final class LoadGenerator {

  /** The turns of one simulated conversation, by intent. */
  static final List<String> SCRIPT =
      List.of("greet", "ask_policy", "ask_policy", "ask_policy", "thanks", "goodbye");

  record Phase(
      String name, long requests, long errors, double seconds, long p50, long p95, long p99, long max) {
    double throughput() {
      return seconds <= 0 ? 0 : requests / seconds;
    }
  }

  private final URI base;
  private final int residents;
  private final Duration duration;
  private final Map<String, List<String>> utterances;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
          .build();

  LoadGenerator(URI base, int residents, Duration duration) throws IOException {
    if (!loopback(base)) {
      throw new IllegalArgumentException("only loopback addresses (localhost, 127.0.0.1, ::1): " + base.getHost());
    }
    this.base = base;
    this.residents = residents;
    this.duration = duration;
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
    out.printf("load: %d residents, %s per phase, against %s%n", residents, pretty(duration), base);
    out.flush();
    Phase chat = phase("chat", this::conversation);
    print(out, chat);
    Phase liveness = phase("liveness", this::liveness);
    print(out, liveness);
    out.printf(
        "ratio: chat turns/s are %.1f%% of the liveness probe's requests/s (same clients, same machine)%n",
        liveness.throughput() == 0 ? 0 : 100 * chat.throughput() / liveness.throughput());
    out.flush();
  }

  /** One client's work until the deadline; records each request. */
  private interface Client {
    void run(long deadline, Recorder recorder) throws Exception;
  }

  private static final class Recorder {
    long[] micros = new long[1024];
    int count;
    long errors;

    void ok(long startNanos) {
      if (count == micros.length) {
        micros = Arrays.copyOf(micros, count * 2);
      }
      micros[count++] = (System.nanoTime() - startNanos) / 1_000;
    }
  }

  private Phase phase(String name, Client client) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Recorder> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < residents; i++) {
      Recorder r = new Recorder();
      recorders.add(r);
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          client.run(deadline, r);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          r.errors++;
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int total = recorders.stream().mapToInt(r -> r.count).sum();
    long[] all = new long[total];
    int at = 0;
    long errors = 0;
    for (Recorder r : recorders) {
      System.arraycopy(r.micros, 0, all, at, r.count);
      at += r.count;
      errors += r.errors;
    }
    Arrays.sort(all);
    return new Phase(
        name, total, errors, seconds, pct(all, 50), pct(all, 95), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1]);
  }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private void conversation(long deadline, Recorder recorder) throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadline) {
      String conversation = null;
      for (String intent : SCRIPT) {
        if (System.nanoTime() >= deadline) {
          return;
        }
        List<String> choices = utterances.get(intent);
        String text = choices.get(random.nextInt(choices.size()));
        String body =
            "{\"text\":" + jsonString(text)
                + (conversation == null ? "" : ",\"conversationId\":\"" + conversation + "\"")
                + ",\"messageId\":\"load-" + UUID.randomUUID() + "\"}";
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
          r = http.send(
              HttpRequest.newBuilder(base.resolve("/api/chat/messages"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
          recorder.errors++;
          break;
        }
        if (r.statusCode() != 200) {
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

  private void liveness(long deadline, Recorder recorder) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/actuator/health/liveness")).timeout(Duration.ofSeconds(30)).build();
    while (System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
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

  private static void print(PrintWriter out, Phase p) {
    out.printf(
        "%-9s requests=%d errors=%d throughput=%.1f/s p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms%n",
        p.name(), p.requests(), p.errors(), p.throughput(), p.p50() / 1000.0, p.p95() / 1000.0,
        p.p99() / 1000.0, p.max() / 1000.0);
    out.flush();
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
    return d.toSeconds() + "s";
  }
}
