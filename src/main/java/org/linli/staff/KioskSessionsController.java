package org.linli.staff;

import java.security.Principal;
import java.time.Instant;
import org.linli.conversation.KioskSessions;
import org.linli.handoff.HandoffException;
import org.linli.handoff.WorkOrder;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The hall kiosks' live sessions in the staff console: a member of staff standing by a kiosk opens
 * the resident's conversation and takes it over; the order's page is then where they write to the
 * kiosk and hand it back.
 */
@Controller
@RequestMapping("/staff/kiosks")
class KioskSessionsController {

  private final KioskSessions kiosks;
  private final StaffActors actors;
  private final MessageSource messages;

  KioskSessionsController(KioskSessions kiosks, StaffActors actors, MessageSource messages) {
    this.kiosks = kiosks;
    this.actors = actors;
    this.messages = messages;
  }

  @GetMapping
  String list(Principal principal, Model model) {
    model.addAttribute("me", actors.member(principal));
    model.addAttribute("sessions", kiosks.live());
    model.addAttribute("now", Instant.now());
    return "staff/kiosks";
  }

  @PostMapping("/{conversationId}/join")
  String join(@PathVariable String conversationId, Principal principal, RedirectAttributes redirect) {
    try {
      WorkOrder order = kiosks.join(actors.actor(principal), conversationId);
      return "redirect:/staff/tickets/" + order.number();
    } catch (HandoffException e) {
      redirect.addFlashAttribute("error",
          messages.getMessage(e.code(), null, e.code(), LocaleContextHolder.getLocale()));
      return "redirect:/staff/kiosks";
    }
  }
}
