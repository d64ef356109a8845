package org.linli.staff;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.dialog.ConversationHistory;
import org.linli.dialog.ConversationPort;
import org.linli.handoff.HistoryEntry;
import org.linli.handoff.WorkOrder;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.PassageHit;
import org.springframework.stereotype.Component;

/** Work orders in the JSON shapes of the staff API (also used by the console). */
@Component
class TicketViews {

  private final Clock clock;
  private final ConversationPort conversations;
  private final KnowledgeBase knowledge;

  TicketViews(Clock clock, ConversationPort conversations, KnowledgeBase knowledge) {
    this.clock = clock;
    this.conversations = conversations;
    this.knowledge = knowledge;
  }

  Map<String, Object> summary(WorkOrder o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.number());
    m.put("number", o.number());
    m.put("status", o.status().code());
    m.put("category", o.category());
    m.put("priority", o.priority());
    m.put("department", o.department());
    m.put("summary", o.summary());
    m.put("location", o.location());
    m.put("channel", o.channel());
    m.put("owner", o.owner());
    m.put("ownerName", o.ownerName());
    m.put("transferTo", o.transferTo());
    m.put("transferReason", o.transferReason());
    m.put("supervisorReview", o.supervisorReview());
    m.put("createdAt", o.createdAt());
    m.put("claimedAt", o.claimedAt());
    m.put("resolvedAt", o.resolvedAt());
    m.put("closedAt", o.closedAt());
    m.put("dueAt", o.dueAt());
    m.put("overdue", o.overdue(clock.instant()));
    m.put("conversationId", o.conversationId());
    m.put("hasContact", o.hasContact() || o.residentId() != null);
    return m;
  }

  Map<String, Object> detail(WorkOrder o, List<HistoryEntry> history) {
    Map<String, Object> m = summary(o);
    m.put("resolution", o.resolution());
    m.put(
        "rating",
        o.rating() == null ? null : new LinkedHashMap<>(Map.of("score", o.rating(),
            "comment", o.ratingComment() == null ? "" : o.ratingComment())));
    m.put(
        "history",
        history.stream()
            .map(h -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("at", h.at());
              e.put("actor", h.actor());
              e.put("type", h.type());
              e.put("detail", h.detail());
              return e;
            })
            .toList());
    m.put("messages", messages(o));
    return m;
  }

  List<ConversationHistory.Entry> messages(WorkOrder o) {
    if (o.conversationId() == null) {
      return List.of();
    }
    return conversations.history(o.conversationId()).map(ConversationHistory::messages).orElse(List.of());
  }

  /** Knowledge-base passages for the resident's last message, for staff to insert in a reply. */
  List<Suggestion> suggestions(WorkOrder o) {
    String last =
        messages(o).stream()
            .filter(e -> "in".equals(e.direction()))
            .reduce((a, b) -> b)
            .map(ConversationHistory.Entry::text)
            .orElse(o.summary());
    return knowledge.search(last, KnowledgeBase.languageOf(last), 3).hits().stream()
        .map(Suggestion::of)
        .toList();
  }

  /** One passage a member of staff may insert into a reply. */
  record Suggestion(String docId, String title, String text) {
    static Suggestion of(PassageHit hit) {
      return new Suggestion(hit.docId(), hit.title(), hit.text().strip());
    }
  }
}
