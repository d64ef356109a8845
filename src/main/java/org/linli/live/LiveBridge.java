package org.linli.live;

import org.linli.conversation.ConversationMessageAdded;
import org.linli.handoff.TicketEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Passes committed changes to live clients: never show what may still be rolled back. */
@Component
class LiveBridge {

  private final LiveEvents live;

  LiveBridge(LiveEvents live) {
    this.live = live;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void message(ConversationMessageAdded event) {
    live.publish(LiveEvents.conversation(event.conversationId()), event);
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void ticket(TicketEvent event) {
    live.publish(LiveEvents.TICKETS, event);
  }
}
