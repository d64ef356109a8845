package org.linli.staff;

import java.security.Principal;
import java.util.List;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffException;
import org.linli.handoff.HandoffService;
import org.linli.handoff.TicketStatus;
import org.linli.handoff.WorkOrder;
import org.linli.live.LiveEvents;
import org.linli.outbox.Outbox;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff console: queue, my orders, order detail, and one form per action. */
@Controller
@RequestMapping("/staff")
class StaffConsoleController {

  private final HandoffService handoff;
  private final org.linli.conversation.ContactOrders contactOrders;
  private final StaffActors actors;
  private final TicketViews views;
  private final LiveEvents live;
  private final StaffAccounts accounts;
  private final Outbox outbox;
  private final MessageSource messages;
  private final org.linli.care.CareService care;
  private final org.linli.handoff.HomeVisits homeVisits;

  StaffConsoleController(
      HandoffService handoff,
      org.linli.conversation.ContactOrders contactOrders,
      StaffActors actors,
      TicketViews views,
      LiveEvents live,
      StaffAccounts accounts,
      Outbox outbox,
      MessageSource messages,
      org.linli.care.CareService care,
      org.linli.handoff.HomeVisits homeVisits) {
    this.homeVisits = homeVisits;
    this.handoff = handoff;
    this.contactOrders = contactOrders;
    this.actors = actors;
    this.views = views;
    this.live = live;
    this.accounts = accounts;
    this.outbox = outbox;
    this.messages = messages;
    this.care = care;
  }

  @GetMapping
  String queue(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String q,
      Principal principal,
      Model model) {
    StaffMember me = actors.member(principal);
    model.addAttribute("me", me);
    model.addAttribute("status", status == null ? "" : status);
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("statuses", TicketStatus.values());
    model.addAttribute("orders", orders(me, status, q));
    model.addAttribute("now", java.time.Instant.now());
    model.addAttribute("failed", outbox.failed().size());
    return "staff/queue";
  }

  /** The queue table alone, for live refreshes (htmx). */
  @GetMapping("/queue-table")
  String queueTable(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String q,
      Principal principal,
      Model model) {
    model.addAttribute("orders", orders(actors.member(principal), status, q));
    model.addAttribute("now", java.time.Instant.now());
    return "staff/queue :: table";
  }

  @GetMapping("/mine")
  String mine(Principal principal, Model model) {
    StaffMember me = actors.member(principal);
    model.addAttribute("me", me);
    model.addAttribute("status", "");
    model.addAttribute("q", "");
    model.addAttribute("statuses", TicketStatus.values());
    model.addAttribute("orders", handoff.ownedBy(StaffActors.actor(me)));
    model.addAttribute("mine", true);
    model.addAttribute("now", java.time.Instant.now());
    model.addAttribute("failed", outbox.failed().size());
    return "staff/queue";
  }

  private List<WorkOrder> orders(StaffMember me, String status, String q) {
    TicketStatus wanted = status == null || status.isBlank() ? null : TicketStatus.fromCode(status).orElse(null);
    return handoff.search(StaffActors.actor(me), wanted, q);
  }

  /** The form for an order a resident reported at the counter or by an ordinary phone call. */
  @GetMapping("/tickets/new")
  String newTicket(Principal principal, Model model) {
    return newTicketPage(new StaffOrderForm(null, 2, null, null, null, "zh"), principal, model);
  }

  private String newTicketPage(StaffOrderForm form, Principal principal, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("me", actors.member(principal));
    model.addAttribute("categories", handoff.routingTable().stream().map(org.linli.handoff.RoutingRule::category).toList());
    return "staff/new-ticket";
  }

  /**
   * Opens the order; a mistake shows the form again at once with what was entered (not through a
   * redirect: the flash attributes would put the resident's number into the stored session).
   */
  @PostMapping("/tickets")
  String openTicket(
      @RequestParam(required = false) String category,
      @RequestParam(required = false) Integer priority,
      @RequestParam(required = false) String summary,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String phone,
      @RequestParam(required = false) String language,
      Principal principal,
      Model model,
      jakarta.servlet.http.HttpServletResponse response) {
    StaffOrderForm form = new StaffOrderForm(category, priority, summary, location, phone, language);
    try {
      StaffOrderForm.Checked checked = StaffOrderForm.check(handoff, form);
      WorkOrder order = contactOrders.open(checked.request(actors.actor(principal)), checked.lang());
      return "redirect:/staff/tickets/" + order.number();
    } catch (HandoffException e) {
      response.setStatus(400);
      model.addAttribute("error", messages.getMessage(e.code(), null, e.code(), LocaleContextHolder.getLocale()));
      return newTicketPage(form, principal, model);
    }
  }

  @GetMapping("/tickets/{number}")
  String ticket(@PathVariable String number, Principal principal, Model model) {
    StaffMember me = actors.member(principal);
    Actor actor = StaffActors.actor(me);
    WorkOrder order = handoff.get(actor, number);
    model.addAttribute("me", me);
    model.addAttribute("order", order);
    model.addAttribute("history", handoff.history(actor, number));
    model.addAttribute("messages", views.messages(order));
    model.addAttribute("evidence", views.evidence(order));
    model.addAttribute("suggestions", order.status().open() ? views.suggestions(order) : List.of());
    model.addAttribute("departments", handoff.departments());
    model.addAttribute("staff", me.supervisor() ? accounts.all() : List.of());
    model.addAttribute("overdue", order.overdue(java.time.Instant.now()));
    model.addAttribute("visits", homeVisits.forOrder(actor, number));
    boolean offered = homeVisits.offered(order);
    model.addAttribute("visitOffered", offered);
    model.addAttribute("visitZone", homeVisits.zone());
    model.addAttribute("visitStaff", offered ? accounts.all() : List.of());
    if (me.admin() && order.residentId() != null) {
      model.addAttribute("support", care.support(order.residentId()).orElse(null));
      model.addAttribute("proxies", care.proxies(order.residentId()));
    }
    return "staff/ticket";
  }

  /** A photo the resident sent for the order, for the evidence section; every view is audited. */
  @GetMapping("/tickets/{number}/evidence/{evidenceId}/photo")
  @ResponseBody
  org.springframework.http.ResponseEntity<byte[]> photo(
      @PathVariable String number, @PathVariable long evidenceId, Principal principal) {
    Actor actor = actors.actor(principal);
    try {
      return views.photo(actor, handoff.get(actor, number), evidenceId);
    } catch (HandoffException e) {
      return org.springframework.http.ResponseEntity.notFound().build();
    }
  }

  @PostMapping("/tickets/{number}/contact")
  String contact(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
    return act(number, redirect, () -> redirect.addFlashAttribute("contact",
        handoff.contact(actors.actor(principal), number).orElse("—")));
  }

  @PostMapping("/tickets/{number}/claim")
  String claim(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
    return act(number, redirect, () -> handoff.claim(actors.actor(principal), number));
  }

  @PostMapping("/tickets/{number}/reply")
  String reply(@PathVariable String number, @RequestParam String text, Principal principal, RedirectAttributes redirect) {
    return act(number, redirect, () -> handoff.reply(actors.actor(principal), number, text));
  }

  @PostMapping("/tickets/{number}/note")
  String note(@PathVariable String number, @RequestParam String text, Principal principal, RedirectAttributes redirect) {
    return act(number, redirect, () -> handoff.note(actors.actor(principal), number, text));
  }

  @PostMapping("/tickets/{number}/transfer")
  String transfer(@PathVariable String number, @RequestParam String department, @RequestParam String reason,
      Principal principal, RedirectAttributes redirect) {
    return act(number, redirect, () -> handoff.transfer(actors.actor(principal), number, department, reason));
  }

  @PostMapping("/tickets/{number}/resolve")
  String resolve(@PathVariable String number, @RequestParam String resolution, Principal principal,
      RedirectAttributes redirect) {
    return act(number, redirect, () -> handoff.resolve(actors.actor(principal), number, resolution));
  }

  @PostMapping("/tickets/{number}/wait")
  String waitForResident(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
    return act(number, redirect, () -> handoff.waitForResident(actors.actor(principal), number));
  }

  @PostMapping("/tickets/{number}/release")
  String release(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
    return act(number, redirect, () -> handoff.release(actors.actor(principal), number));
  }

  @PostMapping("/tickets/{number}/close")
  String close(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
    return act(number, redirect, () -> handoff.close(actors.actor(principal), number));
  }

  @PostMapping("/tickets/{number}/reassign")
  String reassign(@PathVariable String number, @RequestParam String username, Principal principal,
      RedirectAttributes redirect) {
    return act(number, redirect, () -> {
      StaffMember target = accounts.find(username).orElseThrow(() -> new HandoffException(
          HandoffException.Kind.INVALID, "error.request.invalid", "no such member of staff"));
      handoff.reassign(actors.actor(principal), number, target.username(), target.displayName(), target.department());
    });
  }

  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter events(Principal principal) {
    return LiveStreams.tickets(live, actors.actor(principal));
  }

  @GetMapping(path = "/tickets/{number}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter ticketEvents(@PathVariable String number, Principal principal) {
    return LiveStreams.conversation(live, handoff.get(actors.actor(principal), number).conversationId());
  }

  private String act(String number, RedirectAttributes redirect, Runnable action) {
    try {
      action.run();
    } catch (HandoffException e) {
      redirect.addFlashAttribute("error",
          messages.getMessage(e.code(), null, e.code(), LocaleContextHolder.getLocale()));
      if (e.kind() == HandoffException.Kind.NOT_FOUND) {
        return "redirect:/staff";
      }
    }
    return "redirect:/staff/tickets/" + number;
  }
}
