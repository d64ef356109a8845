package org.linli.live;

import org.linli.conversation.ConversationMessageAdded;
import org.linli.conversation.ConversationMessages;
import org.linli.handoff.TicketEvent;
import org.linli.handoff.TicketStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one node tells the others about a live event, whatever carries it (PostgreSQL NOTIFY or
 * Redis pub/sub): ids and codes only — never a message text or a name. A receiving node that has a
 * client for the conversation reads the message back from the database.
 */
final class ClusterNotices {

  private static final Logger log = LoggerFactory.getLogger(ClusterNotices.class);

  /** What goes over the wire: kind {@code m} (message stored) or {@code t} (work order change). */
  record Notice(
      String node,
      String kind,
      String conversation,
      Long message,
      String number,
      String department,
      String type,
      String status,
      String actor) {}

  private final String node;
  private final InMemoryLiveEvents local;
  private final ConversationMessages messages;
  private final JsonMapper json;

  ClusterNotices(String node, InMemoryLiveEvents local, ConversationMessages messages, JsonMapper json) {
    this.node = node;
    this.local = local;
    this.messages = messages;
    this.json = json;
  }

  /** The payload to send for {@code event}, or null when other nodes need not hear of it. */
  String encode(Object event) {
    Notice notice =
        switch (event) {
          case ConversationMessageAdded m ->
              new Notice(node, "m", m.conversationId(), m.messageId(), null, null, null, null, null);
          case TicketEvent t ->
              new Notice(
                  node,
                  "t",
                  t.conversationId(),
                  null,
                  t.number(),
                  t.department(),
                  t.type(),
                  t.status() == null ? null : t.status().code(),
                  t.actor());
          default -> null;
        };
    return notice == null ? null : json.writeValueAsString(notice);
  }

  /** Passes another node's notice to this node's clients (this node's own were passed at once). */
  void receive(String payload) {
    try {
      Notice notice = json.readValue(payload, Notice.class);
      if (node.equals(notice.node())) {
        return;
      }
      switch (notice.kind()) {
        case "m" -> {
          String topic = LiveEvents.conversation(notice.conversation());
          if (notice.message() != null && local.hasListeners(topic)) {
            messages.added(notice.message()).ifPresent(e -> local.publish(topic, e));
          }
        }
        case "t" -> {
          if (local.hasListeners(LiveEvents.TICKETS)) {
            local.publish(
                LiveEvents.TICKETS,
                new TicketEvent(
                    notice.number(),
                    notice.conversation(),
                    notice.department(),
                    notice.type(),
                    TicketStatus.fromCode(notice.status()).orElse(null),
                    notice.actor(),
                    null,
                    null));
          }
        }
        default -> log.debug("event=live_notice_unknown kind={}", notice.kind());
      }
    } catch (RuntimeException e) {
      log.warn("event=live_notice_failed error={}", e.toString());
    }
  }
}
