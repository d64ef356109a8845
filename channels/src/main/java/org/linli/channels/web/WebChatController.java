package org.linli.channels.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import jakarta.servlet.http.HttpServletRequest;
import org.linli.channels.InputText;
import org.linli.channels.RateLimiter;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.UnknownConversationException;
import org.linli.knowledge.Lang;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The web chat API, used by the kiosk and by web chat clients. */
@RestController
@RequestMapping("/api/chat")
class WebChatController {

  static final int MAX_TEXT_CODE_POINTS = 2000;
  static final int MAX_ID_LENGTH = 64;
  private static final Set<Channel> ALLOWED = Set.of(Channel.WEB, Channel.KIOSK);

  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

  private final ConversationPort conversations;
  private final ObjectProvider<ConversationEvents> events;
  private final Clock clock;
  private final RateLimiter rateLimiter;

  WebChatController(
      ConversationPort conversations,
      ObjectProvider<ConversationEvents> events,
      Clock clock,
      ObjectProvider<RateLimiter> rateLimiter) {
    this.conversations = conversations;
    this.events = events;
    this.clock = clock;
    this.rateLimiter = rateLimiter.getIfAvailable(() -> RateLimiter.UNLIMITED);
  }

  /**
   * One message. Limited per source address (before anything else, so garbage floods count too)
   * and per conversation; a refusal is a 429 the client shows, with the time to wait.
   */
  @PostMapping("/messages")
  ChatResponse post(@RequestBody(required = false) ChatRequest request, HttpServletRequest http) {
    limit("address:" + http.getRemoteAddr());
    if (request == null) {
      throw new InvalidChatRequestException("error.body.missing");
    }
    Channel channel =
        request.channel() == null
            ? Channel.WEB
            : Channel.fromCode(request.channel())
                .filter(ALLOWED::contains)
                .orElseThrow(() -> new InvalidChatRequestException("error.channel.invalid"));
    if (InputText.hasForbiddenCharacters(request.text())
        || InputText.hasForbiddenCharacters(request.conversationId())
        || InputText.hasForbiddenCharacters(request.messageId())) {
      throw new InvalidChatRequestException("error.text.invalidCharacters");
    }
    String text = request.text() == null ? "" : request.text().strip();
    if (text.isEmpty()) {
      throw new InvalidChatRequestException("error.text.empty");
    }
    if (text.codePointCount(0, text.length()) > MAX_TEXT_CODE_POINTS) {
      throw new InvalidChatRequestException("error.text.tooLong", MAX_TEXT_CODE_POINTS);
    }
    Lang lang = null;
    if (request.lang() != null && !request.lang().isBlank()) {
      lang =
          Lang.fromCode(request.lang())
              .orElseThrow(() -> new InvalidChatRequestException("error.lang.invalid"));
    }
    String conversationId = blankToNull(request.conversationId());
    if (conversationId != null && conversationId.length() > MAX_ID_LENGTH) {
      throw new InvalidChatRequestException("error.conversation.unknown");
    }
    String messageId = blankToNull(request.messageId());
    if (messageId != null && messageId.length() > MAX_ID_LENGTH) {
      throw new InvalidChatRequestException("error.messageId.tooLong", MAX_ID_LENGTH);
    }
    if (conversationId != null) {
      limit("conversation:" + conversationId);
    }
    InboundMessage message =
        new InboundMessage(channel, conversationId, null, messageId, text, lang, clock.instant());
    try {
      return ChatResponse.of(conversations.handle(message));
    } catch (UnknownConversationException e) {
      throw new InvalidChatRequestException("error.conversation.unknown");
    }
  }

  @GetMapping("/conversations/{id}")
  HistoryResponse history(@PathVariable String id) {
    return conversations
        .history(id)
        .map(HistoryResponse::of)
        .orElseThrow(ConversationNotFoundException::new);
  }

  /**
   * New messages of the conversation (staff replies, case notices) as server-sent events named
   * {@code message}, each one message in the shape of the history's {@code messages} entries.
   */
  @GetMapping(path = "/conversations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@PathVariable String id) {
    if (conversations.history(id).isEmpty()) {
      throw new ConversationNotFoundException();
    }
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    ConversationEvents source = events.getIfAvailable();
    if (source == null) {
      return emitter;
    }
    ConversationEvents.Subscription subscription =
        source.subscribe(
            id,
            entry -> {
              try {
                emitter.send(
                    SseEmitter.event()
                        .name("message")
                        .data(HistoryResponse.MessageJson.of(entry), MediaType.APPLICATION_JSON));
              } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
                return;
              }
              sendHandoff(id, emitter);
            },
            emitter::complete);
    emitter.onCompletion(subscription::close);
    emitter.onTimeout(subscription::close);
    emitter.onError(e -> subscription.close());
    try {
      // tells the client the stream is open, and flushes the headers
      emitter.send(SseEmitter.event().comment("open"));
    } catch (IOException e) {
      subscription.close();
    }
    return emitter;
  }

  /**
   * After a message, the conversation's work order with its place in the queue now, as an event
   * named {@code handoff}. Read off the delivering thread, which may still be finishing the
   * transaction that stored the message.
   */
  private void sendHandoff(String id, SseEmitter emitter) {
    CompletableFuture.runAsync(
        () ->
            conversations
                .handoff(id)
                .ifPresent(
                    h -> {
                      try {
                        emitter.send(
                            SseEmitter.event()
                                .name("handoff")
                                .data(ChatResponse.HandoffJson.of(h), MediaType.APPLICATION_JSON));
                      } catch (IOException | IllegalStateException gone) {
                        // the stream has ended: the client redraws from the history
                      }
                    }));
  }

  private void limit(String key) {
    RateLimiter.Verdict verdict = rateLimiter.tryConsume(key);
    if (!verdict.allowed()) {
      throw new RateLimitedException(verdict.retryAfterSeconds());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Too many messages from one address or in one conversation. */
  static final class RateLimitedException extends RuntimeException {
    final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds) {
      super("rate limited", null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  /** A history request for a conversation that does not exist. */
  static final class ConversationNotFoundException extends RuntimeException {
    ConversationNotFoundException() {
      super("conversation not found");
    }
  }
}
