package org.linli.load;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import org.linli.cli.CommandStatus;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code load} commands: measure a running node (see docs/performance.md). */
@Component
class LoadCommands {

  private final CommandStatus status;

  LoadCommands(CommandStatus status) {
    this.status = status;
  }

  @Command(
      name = {"load", "run"},
      description =
          "Simulate concurrent residents holding multi-turn conversations (web chat, signed Twilio"
              + " SMS webhooks, signed WeChat messages, in a mix) against a running node on this"
              + " machine, then the same load on the liveness probe; print throughput,"
              + " p50/p95/p99 and errors per channel. With --rate the messages arrive on a"
              + " schedule (open model) and latency counts from each one's scheduled time.")
  void run(
      @Option(longName = "url", description = "base URL (loopback only)", defaultValue = "http://localhost:8080")
          String url,
      @Option(longName = "residents", description = "concurrent residents", defaultValue = "200")
          int residents,
      @Option(longName = "duration", description = "length of each phase: 60s, 2m, PT30S", defaultValue = "60s")
          String duration,
      @Option(longName = "warmup", description = "run the turn phase this long first and discard its figures, to warm up the node and the generator: 20s (default 0, none)", defaultValue = "0")
          String warmup,
      @Option(longName = "mix", description = "residents per channel, relative: web=2,sms=1,wechat=1", defaultValue = "web=1")
          String mix,
      @Option(longName = "rate", description = "open model: turns per second, all residents together, e.g. 500 (default: closed loop, each resident sends again when answered)")
          String rate,
      @Option(longName = "arrivals", description = "with --rate: uniform (default) or poisson")
          String arrivals,
      @Option(longName = "twilio-auth-token", description = "the node's Twilio auth token (default: env TWILIO_AUTH_TOKEN)")
          String twilioAuthToken,
      @Option(longName = "public-base-url", description = "the node's public base URL Twilio signs for (default: env LINLI_PUBLIC_BASE_URL, else --url)")
          String publicBaseUrl,
      @Option(longName = "wechat-token", description = "the node's WeChat token (default: env WECHAT_TOKEN)")
          String wechatToken,
      @Option(longName = "wechat-aes-key", description = "the node's EncodingAESKey, to send encrypted messages (default: env WECHAT_AES_KEY)")
          String wechatAesKey,
      @Option(longName = "wechat-app-id", description = "the official account's app id, with --wechat-aes-key (default: env WECHAT_APP_ID)")
          String wechatAppId,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    Duration d;
    URI base;
    try {
      d = LoadGenerator.parseDuration(duration);
      Duration w = LoadGenerator.parseDuration(warmup == null ? "0" : warmup);
      base = URI.create(url.endsWith("/") ? url : url + "/");
      if (residents < 1 || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("residents and duration must be positive");
      }
      if (w.isNegative()) {
        throw new IllegalArgumentException("--warmup must not be negative");
      }
      LoadGenerator.Pacing pacing = LoadGenerator.Pacing.parse(rate, arrivals);
      LoadGenerator.Options options =
          new LoadGenerator.Options(
              LoadGenerator.Options.parseMix(mix == null ? "web=1" : mix),
              orEnv(twilioAuthToken, "TWILIO_AUTH_TOKEN"),
              orEnv(publicBaseUrl, "LINLI_PUBLIC_BASE_URL"),
              orEnv(wechatToken, "WECHAT_TOKEN"),
              orEnv(wechatAesKey, "WECHAT_AES_KEY"),
              orEnv(wechatAppId, "WECHAT_APP_ID"));
      new LoadGenerator(base, residents, d, options, pacing, w).run(out);
      status.report(0);
    } catch (IllegalArgumentException e) {
      out.println("load run: " + e.getMessage());
      status.report(2);
    } catch (Exception e) {
      out.println("load run failed: " + e);
      status.report(1);
    } finally {
      out.flush();
    }
  }

  /** The option, else the environment variable the node itself reads the secret from. */
  private static String orEnv(String value, String variable) {
    if (value != null && !value.isBlank()) {
      return value.strip();
    }
    String env = System.getenv(variable);
    return env == null ? "" : env.strip();
  }
}
