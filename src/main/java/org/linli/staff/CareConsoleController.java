package org.linli.staff;

import java.security.Principal;
import org.linli.care.CareService;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The minimal console for care records (administrators, from an order's page): extra help with
 * consent, and family members or carers acting for the resident.
 */
@Controller
@RequestMapping("/staff/admin/residents/{residentId}")
class CareConsoleController {

  private final CareService care;

  CareConsoleController(CareService care) {
    this.care = care;
  }

  @PostMapping("/support")
  String support(@PathVariable String residentId, @RequestParam String needs,
      @RequestParam(defaultValue = "false") boolean consent, @RequestParam String back,
      Principal principal, RedirectAttributes redirect) {
    try {
      care.recordSupport(principal.getName(), residentId, needs, consent, null);
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:" + safe(back);
  }

  @PostMapping("/support/withdraw")
  String withdraw(@PathVariable String residentId, @RequestParam String back, Principal principal) {
    care.withdrawSupport(principal.getName(), residentId);
    return "redirect:" + safe(back);
  }

  @PostMapping("/proxies")
  String addProxy(@PathVariable String residentId, @RequestParam(required = false) String phone,
      @RequestParam(required = false) String wechat, @RequestParam String relation,
      @RequestParam(required = false) String relationOther,
      @RequestParam(defaultValue = "false") boolean consent, @RequestParam String back,
      Principal principal, RedirectAttributes redirect) {
    try {
      String r = relationOther != null && !relationOther.isBlank() ? relationOther : relation;
      care.addCarer(principal.getName(), residentId, phone, wechat, r, consent);
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:" + safe(back);
  }

  @PostMapping("/proxies/{id}/revoke")
  String revoke(@PathVariable String residentId, @PathVariable long id, @RequestParam String back,
      Principal principal, RedirectAttributes redirect) {
    try {
      care.proxy(id).filter(p -> p.residentId().equals(residentId))
          .orElseThrow(() -> new IllegalArgumentException("no carer record " + id + " for this resident"));
      care.revokeProxy(principal.getName(), id);
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:" + safe(back);
  }

  /** Only back to a console page: never an open redirect. */
  private static String safe(String back) {
    return back != null && back.matches("/staff/tickets/\\d{6}") ? back : "/staff";
  }
}
