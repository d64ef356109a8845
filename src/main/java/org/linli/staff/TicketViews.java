package org.linli.staff;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.audit.AuditLog;
import org.linli.dialog.ConversationHistory;
import org.linli.dialog.ConversationPort;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffException;
import org.linli.handoff.HistoryEntry;
import org.linli.handoff.WorkOrder;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.PassageHit;
import org.linli.wechat.WeChatEvidence;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Work orders in the JSON shapes of the staff API (also used by the console). */
@Component
class TicketViews {

  private final Clock clock;
  private final ConversationPort conversations;
  private final KnowledgeBase knowledge;
  private final WeChatEvidence evidence;
  private final AuditLog audit;

  TicketViews(
      Clock clock,
      ConversationPort conversations,
      KnowledgeBase knowledge,
      WeChatEvidence evidence,
      AuditLog audit) {
    this.clock = clock;
    this.conversations = conversations;
    this.knowledge = knowledge;
    this.evidence = evidence;
    this.audit = audit;
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
    // the queue shows only the start of a place (often a home address); the order's detail, for
    // the staff who handle it, the whole of it
    m.put("location", maskPlace(o.location()));
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
    m.put("location", o.location());
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
    m.put(
        "evidence",
        evidence(o).stream()
            .map(item -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("id", item.id());
              e.put("kind", item.kind());
              e.put("at", item.at());
              e.put("label", item.label());
              e.put("latitude", item.latitude());
              e.put("longitude", item.longitude());
              e.put("scale", item.scale());
              e.put("photo", item.photo());
              e.put("photoProblem", item.photoProblem());
              e.put(
                  "photoUrl",
                  item.photoStored()
                      ? "/api/staff/tickets/" + o.number() + "/evidence/" + item.id() + "/photo"
                      : null);
              return e;
            })
            .toList());
    return m;
  }

  /** The first third of a place (at most 4 characters), then "***": 幸福小区3号楼 -> 幸福***. */
  static String maskPlace(String place) {
    if (place == null || place.isBlank()) {
      return place;
    }
    int n = place.codePointCount(0, place.length());
    int keep = Math.min(4, n / 3);
    return place.substring(0, place.offsetByCodePoints(0, keep)) + "***";
  }

  /** Photos and places the resident sent for the order (WeChat), oldest first. */
  List<WeChatEvidence.Item> evidence(WorkOrder o) {
    return evidence.forOrder(o.id());
  }

  /**
   * A photo of the order, for a member of staff who may see the order (the caller checked that
   * with {@code HandoffService.get}); every view is written to the audit log. 404 when the
   * evidence is not a stored photo of this order.
   */
  ResponseEntity<byte[]> photo(Actor actor, WorkOrder order, long evidenceId) {
    WeChatEvidence.Photo photo =
        evidence.photo(order.id(), evidenceId)
            .orElseThrow(() -> new HandoffException(HandoffException.Kind.NOT_FOUND,
                "error.evidence.notFound", "no stored photo " + evidenceId + " in " + order.number()));
    audit.record(
        actor.username(), "evidence.view", "work_order:" + order.number(), "evidence:" + evidenceId);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(photo.contentType()))
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
        .header("X-Content-Type-Options", "nosniff")
        .body(photo.bytes());
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
