package org.linli.staff;

import java.security.Principal;
import org.linli.handoff.HandoffException;
import org.linli.handoff.HomeVisits;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's home visits: scheduled from an order's page, listed on their own page. */
@Controller
@RequestMapping("/staff")
class HomeVisitConsoleController {

  private final HomeVisits visits;
  private final HomeVisitRequests requests;
  private final StaffActors actors;
  private final MessageSource messages;

  HomeVisitConsoleController(HomeVisits visits, HomeVisitRequests requests, StaffActors actors,
      MessageSource messages) {
    this.visits = visits;
    this.requests = requests;
    this.actors = actors;
    this.messages = messages;
  }

  @GetMapping("/visits")
  String open(Principal principal, Model model) {
    var me = actors.member(principal);
    model.addAttribute("me", me);
    model.addAttribute("visits", visits.open(StaffActors.actor(me)));
    model.addAttribute("visitZone", visits.zone());
    return "staff/visits";
  }

  @PostMapping("/tickets/{number}/visits")
  String schedule(@PathVariable String number, @RequestParam(required = false) String date,
      @RequestParam(required = false) String from, @RequestParam(required = false) String until,
      @RequestParam(required = false) String address, @RequestParam(required = false) String assignee,
      Principal principal, RedirectAttributes redirect) {
    try {
      requests.schedule(actors.actor(principal), number, date, from, until, address, assignee);
    } catch (HandoffException e) {
      redirect.addFlashAttribute("error", messages.getMessage(e.code(), null, e.code(), LocaleContextHolder.getLocale()));
      if (e.kind() == HandoffException.Kind.NOT_FOUND) {
        return "redirect:/staff";
      }
    }
    return "redirect:/staff/tickets/" + number;
  }

  @PostMapping("/visits/{id}/done")
  String done(@PathVariable long id, @RequestParam(required = false) String back, Principal principal,
      RedirectAttributes redirect) {
    return finish(id, true, back, principal, redirect);
  }

  @PostMapping("/visits/{id}/cancel")
  String cancel(@PathVariable long id, @RequestParam(required = false) String back, Principal principal,
      RedirectAttributes redirect) {
    return finish(id, false, back, principal, redirect);
  }

  private String finish(long id, boolean done, String back, Principal principal, RedirectAttributes redirect) {
    try {
      visits.finish(actors.actor(principal), id, done);
    } catch (HandoffException e) {
      redirect.addFlashAttribute("error", messages.getMessage(e.code(), null, e.code(), LocaleContextHolder.getLocale()));
    }
    // only back to a console page: never an open redirect
    return back != null && back.matches("\\d{6}") ? "redirect:/staff/tickets/" + back : "redirect:/staff/visits";
  }
}
