package org.linli.live;

import org.linli.channels.web.ConversationEvents;
import org.linli.conversation.ConversationMessageAdded;
import org.springframework.stereotype.Component;

/** New messages of a conversation for the web chat and kiosk event stream. */
@Component
class WebChatEvents implements ConversationEvents {

  private final LiveEvents live;

  WebChatEvents(LiveEvents live) {
    this.live = live;
  }

  @Override
  public Subscription subscribe(
      String conversationId,
      java.util.function.Consumer<org.linli.dialog.ConversationHistory.Entry> listener,
      Runnable onEnd) {
    LiveEvents.Subscription s =
        live.subscribe(
            LiveEvents.conversation(conversationId),
            e -> {
              if (e instanceof ConversationMessageAdded added) {
                listener.accept(added.entry());
              }
            },
            onEnd);
    return s::close;
  }
}
