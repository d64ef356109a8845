package org.linli.channels.wechat;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.linli.channels.ChannelMessages;
import org.linli.channels.RateLimiter;
import org.linli.channels.RequestArrival;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The official account's server URL. {@code GET}: WeChat checks the URL when it is configured.
 * {@code POST}: every message and event, in plain, compatible or safe mode. On only when {@code
 * WECHAT_TOKEN} is set.
 */
@RestController
@RequestMapping("/channels/wechat")
@Conditional(WeChatConfiguration.EndpointOn.class)
class WeChatController {

  private static final Logger log = LoggerFactory.getLogger(WeChatController.class);
  private static final MediaType XML = new MediaType("application", "xml", StandardCharsets.UTF_8);
  private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

  private final WeChatProtocol protocol;
  private final WeChatMessageHandler handler;
  private final RateLimiter rateLimiter;

  WeChatController(
      WeChatProtocol protocol, WeChatMessageHandler handler, ObjectProvider<RateLimiter> rateLimiter) {
    this.protocol = protocol;
    this.handler = handler;
    this.rateLimiter = rateLimiter.getIfAvailable(() -> RateLimiter.UNLIMITED);
  }

  @GetMapping
  ResponseEntity<String> verify(
      @RequestParam(required = false) String signature,
      @RequestParam(required = false) String timestamp,
      @RequestParam(required = false) String nonce,
      @RequestParam(required = false) String echostr) {
    if (echostr == null || !protocol.validSignature(signature, timestamp, nonce)) {
      log.info("event=wechat_rejected reason=bad_verification");
      return ResponseEntity.status(403).contentType(TEXT).body("");
    }
    if (!protocol.fresh(timestamp)) {
      log.info("event=wechat_rejected reason=stale_verification");
      return ResponseEntity.status(403).contentType(TEXT).body("");
    }
    log.info("event=wechat_verified");
    return ResponseEntity.ok().contentType(TEXT).body(echostr);
  }

  @PostMapping
  ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
    // The query is read by hand: asking the servlet for parameters could read a form body whole.
    Map<String, String> q = query(request.getQueryString());
    WeChatProtocol.Query query =
        new WeChatProtocol.Query(
            q.get("signature"),
            q.get("timestamp"),
            q.get("nonce"),
            q.get("encrypt_type"),
            q.get("msg_signature"));
    String body = protocol.readBody(request.getInputStream(), request.getContentLengthLong());
    WeChatProtocol.Inbound inbound = protocol.read(query, body);
    String refusal = rateLimited(inbound);
    if (refusal != null) {
      return ResponseEntity.ok().contentType(XML).body(protocol.reply(inbound, refusal));
    }
    // time spent in the node's turn queue counts against WeChat's wait
    return switch (handler.handle(inbound.message(), RequestArrival.waited(request))) {
      case WeChatMessageHandler.Answer.Text text ->
          ResponseEntity.ok().contentType(XML).body(protocol.reply(inbound, text.text()));
      case WeChatMessageHandler.Answer.Success success ->
          ResponseEntity.ok().contentType(TEXT).body("success");
    };
  }

  /**
   * A resident sending faster than the {@code resident} policy allows gets a passive reply saying
   * the message was not received (it is not stored) and when to send it again. Events (follow,
   * unfollow, menu views) are never limited: unfollowing must always work.
   */
  private String rateLimited(WeChatProtocol.Inbound inbound) {
    var m = inbound.message();
    if (m.fromUser() == null || "event".equalsIgnoreCase(m.msgType())) {
      return null;
    }
    RateLimiter.Verdict verdict = rateLimiter.tryConsume("resident:wechat:" + m.fromUser());
    if (verdict.allowed()) {
      return null;
    }
    log.info("event=wechat_rate_limited");
    return ChannelMessages.get(
        Locale.SIMPLIFIED_CHINESE, "wechat.rateLimited", (verdict.retryAfterSeconds() + 59) / 60);
  }

  @ExceptionHandler(WeChatProtocol.Rejected.class)
  ResponseEntity<String> rejected(WeChatProtocol.Rejected e) {
    log.info("event=wechat_rejected status={} reason={}", e.status(), e.getMessage());
    return ResponseEntity.status(e.status()).contentType(TEXT).body("");
  }

  static Map<String, String> query(String queryString) {
    Map<String, String> params = new HashMap<>();
    if (queryString == null || queryString.length() > 2048) {
      return params;
    }
    for (String pair : queryString.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      try {
        params.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        // a broken escape: the parameter is ignored and the signature check fails
      }
    }
    return params;
  }
}
