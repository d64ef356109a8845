package org.linli.staff;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.linli.conversation.ConversationMessageAdded;
import org.linli.handoff.Actor;
import org.linli.handoff.TicketEvent;
import org.linli.live.LiveEvents;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Server-sent event streams for the console and the staff API. */
final class LiveStreams {

  static final Duration TIMEOUT = Duration.ofMinutes(30);

  private LiveStreams() {}

  /** Work order changes the actor may see, as events named {@code ticket}. */
  static SseEmitter tickets(LiveEvents live, Actor actor) {
    return stream(live, LiveEvents.TICKETS, (emitter, e) -> {
      if (e instanceof TicketEvent t && visible(actor, t)) {
        send(emitter, "ticket", new TicketJson(t.number(), t.type(), t.status().code(), t.department(), t.actor()));
      }
    });
  }

  /** Messages of one conversation, as events named {@code message}. */
  static SseEmitter conversation(LiveEvents live, String conversationId) {
    if (conversationId == null) {
      SseEmitter empty = new SseEmitter(TIMEOUT.toMillis());
      return empty;
    }
    return stream(live, LiveEvents.conversation(conversationId), (emitter, e) -> {
      if (e instanceof ConversationMessageAdded m) {
        send(emitter, "message", m.entry());
      }
    });
  }

  record TicketJson(String number, String type, String status, String department, String actor) {}

  private static boolean visible(Actor actor, TicketEvent t) {
    return actor.supervisor()
        || (actor.department() != null && actor.department().equals(t.department()))
        || actor.username().equals(t.actor());
  }

  private interface Handler {
    void handle(SseEmitter emitter, Object event);
  }

  private static SseEmitter stream(LiveEvents live, String topic, Handler handler) {
    SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
    Consumer<Object> listener = e -> handler.handle(emitter, e);
    LiveEvents.Subscription subscription = live.subscribe(topic, listener, emitter::complete);
    emitter.onCompletion(subscription::close);
    emitter.onTimeout(subscription::close);
    emitter.onError(x -> subscription.close());
    try {
      emitter.send(SseEmitter.event().comment("open"));
    } catch (IOException e) {
      subscription.close();
    }
    return emitter;
  }

  private static void send(SseEmitter emitter, String name, Object data) {
    try {
      emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
    } catch (IOException | IllegalStateException gone) {
      emitter.completeWithError(gone);
    }
  }
}
