package org.linli.staff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffException;
import org.linli.handoff.HandoffService;
import org.linli.handoff.TicketEvent;
import org.linli.handoff.TicketStatus;
import org.linli.handoff.WorkOrder;
import org.linli.live.LiveEvents;
import org.linli.outbox.Outbox;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The staff JSON API (HTTP Basic). Staff see the orders of their department (and those they own
 * or that are being transferred to it); supervisors and administrators see every order. An order
 * the caller may not see answers 404, the same as one that does not exist.
 */
@RestController
@RequestMapping("/api/staff")
@Tag(name = "Work orders", description = "Queue, claim, reply, transfer, resolve, release")
class StaffApiController {

  private final HandoffService handoff;
  private final org.linli.conversation.ContactOrders contactOrders;
  private final StaffActors actors;
  private final TicketViews views;
  private final LiveEvents live;
  private final Outbox outbox;
  private final StaffAccounts accounts;

  StaffApiController(
      HandoffService handoff,
      org.linli.conversation.ContactOrders contactOrders,
      StaffActors actors,
      TicketViews views,
      LiveEvents live,
      Outbox outbox,
      StaffAccounts accounts) {
    this.handoff = handoff;
    this.contactOrders = contactOrders;
    this.actors = actors;
    this.views = views;
    this.live = live;
    this.outbox = outbox;
    this.accounts = accounts;
  }

  record TextBody(String text) {}

  record TransferBody(String department, String reason) {}

  record ResolveBody(String resolution) {}

  record ReassignBody(String username) {}

  @GetMapping("/tickets")
  @Operation(summary = "Orders the caller may see, most urgent first; one status, or all")
  List<Map<String, Object>> tickets(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String q,
      Principal principal) {
    TicketStatus wanted = null;
    if (status != null && !status.isBlank()) {
      wanted =
          TicketStatus.fromCode(status)
              .orElseThrow(() -> new HandoffException(HandoffException.Kind.INVALID,
                  "error.request.invalid", "unknown status " + status));
    }
    return handoff.search(actors.actor(principal), wanted, q).stream().map(views::summary).toList();
  }

  /**
   * What staff enter for an order a resident reported in person or by an ordinary phone call.
   *
   * @param phone where the resident can be told about it (SMS on a mobile; staff call a landline)
   * @param language zh (default) or en: the language the resident is written to in
   */
  record NewTicketBody(
      String category, Integer priority, String summary, String location, String phone, String language) {}

  @PostMapping("/tickets")
  @Operation(summary = "Open an order for a resident; with a phone number they are told by SMS of every change")
  org.springframework.http.ResponseEntity<Map<String, Object>> open(
      @RequestBody NewTicketBody body, Principal principal) {
    Actor actor = actors.actor(principal);
    StaffOrderForm.Checked form = StaffOrderForm.check(handoff, body == null ? null
        : new StaffOrderForm(body.category(), body.priority(), body.summary(), body.location(), body.phone(),
            body.language()));
    WorkOrder order = contactOrders.open(form.request(actor), form.lang());
    return org.springframework.http.ResponseEntity.status(org.springframework.http.HttpStatus.CREATED)
        .body(views.summary(order));
  }

  @GetMapping("/tickets/{id}")
  @Operation(summary = "One order with its history (at, actor, type, detail), rating and conversation")
  Map<String, Object> ticket(@PathVariable String id, Principal principal) {
    Actor actor = actors.actor(principal);
    WorkOrder order = handoff.get(actor, id);
    return views.detail(order, handoff.history(actor, id));
  }

  @GetMapping("/tickets/{id}/evidence/{evidenceId}/photo")
  @Operation(summary = "A photo the resident sent for the order (WeChat); every view is audited")
  org.springframework.http.ResponseEntity<byte[]> photo(
      @PathVariable String id, @PathVariable long evidenceId, Principal principal) {
    Actor actor = actors.actor(principal);
    return views.photo(actor, handoff.get(actor, id), evidenceId);
  }

  @GetMapping("/tickets/{id}/contact")
  @Operation(summary = "The resident's contact details; every call is written to the audit log")
  Map<String, Object> contact(@PathVariable String id, Principal principal) {
    return Map.of("contact", handoff.contact(actors.actor(principal), id).orElse(""));
  }

  @GetMapping("/tickets/{id}/suggestions")
  @Operation(summary = "Knowledge-base passages for the resident's last message")
  List<TicketViews.Suggestion> suggestions(@PathVariable String id, Principal principal) {
    return views.suggestions(handoff.get(actors.actor(principal), id));
  }

  @PostMapping("/tickets/{id}/claim")
  @Operation(summary = "Claim the order (its first claimer owns it until closure); accepts a transfer")
  Map<String, Object> claim(@PathVariable String id, Principal principal) {
    return views.summary(handoff.claim(actors.actor(principal), id));
  }

  @PostMapping("/tickets/{id}/messages")
  @Operation(summary = "Reply to the resident on their channel")
  Map<String, Object> message(@PathVariable String id, @RequestBody TextBody body, Principal principal) {
    return views.summary(handoff.reply(actors.actor(principal), id, body == null ? null : body.text()));
  }

  @PostMapping("/tickets/{id}/notes")
  @Operation(summary = "An internal note (never sent to the resident)")
  Map<String, Object> note(@PathVariable String id, @RequestBody TextBody body, Principal principal) {
    return views.summary(handoff.note(actors.actor(principal), id, body == null ? null : body.text()));
  }

  @PostMapping("/tickets/{id}/wait")
  @Operation(summary = "Mark the order as waiting for the resident")
  Map<String, Object> waitForResident(@PathVariable String id, Principal principal) {
    return views.summary(handoff.waitForResident(actors.actor(principal), id));
  }

  @PostMapping("/tickets/{id}/transfer")
  @Operation(summary = "Transfer to another department with a reason; the owner stays accountable until it accepts")
  Map<String, Object> transfer(@PathVariable String id, @RequestBody TransferBody body, Principal principal) {
    if (body == null) {
      throw new HandoffException(HandoffException.Kind.INVALID, "error.transfer.reason", "no body");
    }
    return views.summary(handoff.transfer(actors.actor(principal), id, body.department(), body.reason()));
  }

  @PostMapping("/tickets/{id}/resolve")
  @Operation(summary = "Resolve the order; the resident is told and asked for a rating")
  Map<String, Object> resolve(@PathVariable String id, @RequestBody ResolveBody body, Principal principal) {
    return views.summary(handoff.resolve(actors.actor(principal), id, body == null ? null : body.resolution()));
  }

  @PostMapping("/tickets/{id}/release")
  @Operation(summary = "Hand the conversation back to the assistant (the order stays with its owner)")
  Map<String, Object> release(@PathVariable String id, Principal principal) {
    return views.summary(handoff.release(actors.actor(principal), id));
  }

  @PostMapping("/tickets/{id}/close")
  @Operation(summary = "Close a resolved order")
  Map<String, Object> close(@PathVariable String id, Principal principal) {
    return views.summary(handoff.close(actors.actor(principal), id));
  }

  @PostMapping("/tickets/{id}/reassign")
  @Operation(summary = "Supervisors: make another member of staff the owner")
  Map<String, Object> reassign(@PathVariable String id, @RequestBody ReassignBody body, Principal principal) {
    StaffMember target =
        accounts.find(body == null ? "" : body.username())
            .orElseThrow(() -> new HandoffException(HandoffException.Kind.INVALID,
                "error.request.invalid", "no such member of staff"));
    return views.summary(handoff.reassign(actors.actor(principal), id, target.username(),
        target.displayName(), target.department()));
  }

  @GetMapping("/outbox/failed")
  @Operation(summary = "Messages that could not be delivered to residents after every retry")
  List<Outbox.Failed> failedDeliveries() {
    return outbox.failed();
  }

  /** Work order changes the caller may see, live (server-sent events named {@code ticket}). */
  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "Live work order changes (server-sent events)")
  SseEmitter events(Principal principal) {
    return LiveStreams.tickets(live, actors.actor(principal));
  }

  /** New messages of an order's conversation, live (server-sent events named {@code message}). */
  @GetMapping(path = "/tickets/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "Live messages of the order's conversation (server-sent events)")
  SseEmitter conversationEvents(@PathVariable String id, Principal principal) {
    WorkOrder order = handoff.get(actors.actor(principal), id);
    return LiveStreams.conversation(live, order.conversationId());
  }
}
