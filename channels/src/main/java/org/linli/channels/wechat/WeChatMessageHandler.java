package org.linli.channels.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import me.chanjar.weixin.common.api.WxConsts;
import org.linli.channels.ChannelMessages;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.TurnOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each kind of WeChat message means for the conversation: text, voice (WeChat's own
 * transcript), photos and places (kept as evidence, passed to the dialogue as a short marker so a
 * report in progress takes them), follow and unfollow, and menu clicks. Turns run within the
 * passive-reply budget; a later reply goes out through {@link WeChatLateReplies}.
 */
final class WeChatMessageHandler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WeChatMessageHandler.class);
  private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
  static final int MAX_TEXT_CODE_POINTS = 2000;

  /** What to answer WeChat: a passive text reply, or {@code success} (nothing to show now). */
  sealed interface Answer {
    record Text(String text) implements Answer {}

    record Success() implements Answer {}
  }

  private final ConversationPort conversations;
  private final WeChatStore store;
  private final WeChatLateReplies lateReplies;
  private final WeChatProperties properties;
  private final ExecutorService executor;
  private final Clock clock;
  private final WeChatReplies replies = new WeChatReplies();

  WeChatMessageHandler(
      ConversationPort conversations,
      WeChatStore store,
      WeChatLateReplies lateReplies,
      WeChatProperties properties,
      ExecutorService executor,
      Clock clock) {
    this.conversations = conversations;
    this.store = store;
    this.lateReplies = lateReplies;
    this.properties = properties;
    this.executor = executor;
    this.clock = clock;
  }

  /** Turns still running finish (and their late replies go out) before the node stops. */
  @Override
  public void close() {
    executor.close();
  }

  /**
   * @param waited how long the request had already waited on this node (the turn queue) before
   *     it got here: WeChat's clock started when it sent the request, so that much less of the
   *     passive budget is left for the turn
   */
  Answer handle(WeChatXml.Message m, Duration waited) {
    Duration budget = properties.passiveBudget().minus(waited);
    String openId = m.fromUser();
    Instant at = clock.instant();
    String type = m.msgType().toLowerCase(Locale.ROOT);
    if (WxConsts.XmlMsgType.EVENT.equals(type)) {
      return event(m, openId, at, budget);
    }
    String msgId = m.msgId() == null ? eventId(m) : String.valueOf(m.msgId());
    return switch (type) {
      case WxConsts.XmlMsgType.TEXT -> {
        String text = m.content() == null ? "" : m.content().strip();
        yield text.isEmpty()
            ? unsupported(openId, at)
            : turn(openId, msgId, cap(text), null, at, budget);
      }
      case WxConsts.XmlMsgType.VOICE -> {
        String said = m.recognition() == null ? "" : m.recognition().strip();
        log.info("event=wechat_voice recognised={}", !said.isEmpty());
        if (said.isEmpty()) {
          store.inbound(openId, at);
          yield new Answer.Text(
              ChannelMessages.get(ZH, "wechat.voice.unrecognised", properties.helpPhone()));
        }
        yield turn(openId, msgId, cap(said), null, at, budget);
      }
      case WxConsts.XmlMsgType.IMAGE ->
          turn(
              openId,
              msgId,
              ChannelMessages.get(ZH, "wechat.image.text"),
              new WeChatStore.Evidence(
                  null, msgId, "image", m.mediaId(), m.picUrl(), null, null, null, null, at),
              at,
              budget);
      case WxConsts.XmlMsgType.LOCATION -> {
        String label = m.label() == null || m.label().isBlank() ? "" : m.label().strip();
        String text =
            label.isEmpty()
                ? ChannelMessages.get(ZH, "wechat.location.text", "").strip()
                : ChannelMessages.get(ZH, "wechat.location.text", label);
        yield turn(
            openId,
            msgId,
            cap(text),
            new WeChatStore.Evidence(
                null,
                msgId,
                "location",
                null,
                null,
                m.locationX(),
                m.locationY(),
                m.scale(),
                label.isEmpty() ? null : label,
                at),
            at,
            budget);
      }
      default -> unsupported(openId, at);
    };
  }

  private Answer event(WeChatXml.Message m, String openId, Instant at, Duration budget) {
    String event = m.event() == null ? "" : m.event().toLowerCase(Locale.ROOT);
    log.info("event=wechat_event kind={}", event);
    return switch (event) {
      case "subscribe" -> {
        store.subscribed(openId, at);
        store.inbound(openId, at);
        yield new Answer.Text(ChannelMessages.get(ZH, "wechat.welcome"));
      }
      case "unsubscribe" -> {
        store.unsubscribed(openId, at);
        yield new Answer.Success();
      }
      case "click" ->
          WeChatMenu.token(m.eventKey())
              .map(token -> turn(openId, eventId(m), token, null, at, budget))
              .orElseGet(
                  () -> {
                    store.inbound(openId, at);
                    return new Answer.Success();
                  });
      // views of menu links, periodic location reports, scans, template receipts: nothing to say
      default -> new Answer.Success();
    };
  }

  /**
   * One message that makes a dialogue turn. The window update, the turn and the evidence are one
   * unit ({@link WeChatStore#atomically}: one transaction, one connection from the pool): when the
   * turn fails nothing is kept, and WeChat's retry runs it again. The turn comes first because it
   * locks the resident, so two first messages of one follower never race to add the follower.
   *
   * <p>The unit runs on a thread of its own (from a pool): WeChat must be answered within the
   * passive budget while a slow turn, and its transaction, go on to the end; the request thread
   * only waits for it.
   */
  private Answer turn(
      String openId,
      String externalId,
      String text,
      WeChatStore.Evidence evidence,
      Instant at,
      Duration budget) {
    InboundMessage message =
        new InboundMessage(Channel.WECHAT, null, openId, externalId, text, null, at);
    CompletableFuture<TurnOutcome> future =
        CompletableFuture.supplyAsync(
            () ->
                store.atomically(
                    () -> {
                      TurnOutcome outcome = conversations.handle(message);
                      store.inbound(openId, at);
                      // a repeated delivery: its evidence was kept with the first one
                      if (evidence != null && !outcome.duplicate()) {
                        store.evidence(withConversation(evidence, outcome.conversationId()));
                      }
                      return outcome;
                    }),
            executor);
    if (!budget.isPositive()) {
      // the message waited out its budget in the queue: WeChat has stopped listening, so even a
      // turn that is already done is not answered passively
      deferReply(openId, externalId, future, budget);
      return new Answer.Success();
    }
    TurnOutcome outcome;
    try {
      outcome = future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      deferReply(openId, externalId, future, budget);
      return new Answer.Success();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the turn", e);
    } catch (ExecutionException e) {
      // Nothing was committed: WeChat retries, and the retry runs the turn again.
      throw new IllegalStateException("turn failed", e.getCause());
    }
    if (outcome.duplicate() && store.deferred(externalId)) {
      // The first delivery answered success and sends this reply itself.
      return new Answer.Success();
    }
    String reply = replies.text(outcome);
    return reply.isBlank() ? new Answer.Success() : new Answer.Text(reply);
  }

  /**
   * The turn is still running when WeChat is about to give up: answer {@code success} now and
   * send the reply when the turn is done. Only the first node to defer a message sends it.
   */
  private void deferReply(
      String openId, String externalId, CompletableFuture<TurnOutcome> turn, Duration budget) {
    if (!store.defer(externalId, clock.instant())) {
      log.info("event=wechat_reply_deferred owner=other");
      return;
    }
    log.info(
        "event=wechat_reply_deferred owner=this budget_ms={} left_ms={}",
        properties.passiveBudget().toMillis(),
        Math.max(0, budget.toMillis()));
    turn.whenComplete(
        (outcome, error) -> {
          if (error != null) {
            log.warn("event=wechat_late_turn_failed error={}", error.getClass().getSimpleName());
            return;
          }
          String text = replies.text(outcome);
          if (!text.isBlank()) {
            lateReplies.deliver(openId, text, "wechat-reply:" + externalId);
          }
        });
  }

  /** A message the assistant cannot read: the window still reopens (the resident wrote). */
  private Answer unsupported(String openId, Instant at) {
    store.inbound(openId, at);
    return new Answer.Text(ChannelMessages.get(ZH, "wechat.unsupported", properties.helpPhone()));
  }

  private static WeChatStore.Evidence withConversation(WeChatStore.Evidence e, String id) {
    return new WeChatStore.Evidence(
        id, e.externalId(), e.kind(), e.mediaId(), e.picUrl(), e.latitude(), e.longitude(),
        e.scale(), e.label(), e.at());
  }

  private static String cap(String text) {
    if (text.codePointCount(0, text.length()) <= MAX_TEXT_CODE_POINTS) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT_CODE_POINTS));
  }

  /**
   * Events carry no MsgId: WeChat's advice is FromUserName + CreateTime. Hashed, so that the
   * stored external id does not reveal the openid.
   */
  static String eventId(WeChatXml.Message m) {
    String raw = m.fromUser() + "|" + m.createTime() + "|" + m.event() + "|" + m.eventKey();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
      return "ev-" + HexFormat.of().formatHex(digest, 0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
