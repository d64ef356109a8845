package org.linli.staff;

import org.linli.channels.InputText;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffException;
import org.linli.handoff.HandoffService;
import org.linli.knowledge.Lang;

/**
 * An order as a member of staff enters it (API or console), checked in full before anything is
 * written: a known category, a priority 0-3, a summary, an optional place, an optional phone
 * number and the resident's language.
 */
record StaffOrderForm(
    String category, Integer priority, String summary, String location, String phone, String language) {

  static final int MAX_SUMMARY = 2000;
  static final int MAX_LOCATION = 500;

  /** The checked form: what to open, and the language to tell the resident in. */
  record Checked(String category, int priority, String summary, String location, String phone, Lang lang) {

    HandoffService.OpenRequest request(Actor actor) {
      return new HandoffService.OpenRequest(
          category, priority, summary, location, null, null, "staff", phone, actor.username());
    }
  }

  static Checked check(HandoffService handoff, StaffOrderForm form) {
    if (form == null) {
      throw invalid("error.request.invalid", "no order given");
    }
    String category = form.category() == null ? "" : form.category().strip();
    if (handoff.routingTable().stream().noneMatch(r -> r.category().equals(category))) {
      throw invalid("error.order.category", "unknown category '" + category + "'; see the routing table");
    }
    int priority = form.priority() == null ? 2 : form.priority();
    if (priority < 0 || priority > 3) {
      throw invalid("error.order.priority", "priority is 0 (emergency) to 3");
    }
    String summary = text(form.summary(), MAX_SUMMARY, "summary");
    if (summary == null) {
      throw invalid("error.order.summary", "describe the problem in the summary");
    }
    String location = text(form.location(), MAX_LOCATION, "location");
    String phone = HandoffService.contactPhone(form.phone()).orElse(null);
    Lang lang =
        form.language() == null || form.language().isBlank()
            ? Lang.ZH
            : Lang.fromCode(form.language())
                .orElseThrow(() -> invalid("error.order.language", "language is zh or en"));
    return new Checked(category, priority, summary, location, phone, lang);
  }

  private static String text(String value, int max, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (InputText.hasForbiddenCharacters(value)) {
      throw invalid("error.text.invalidCharacters", "control characters in the " + name);
    }
    String stripped = value.strip();
    if (stripped.codePointCount(0, stripped.length()) > max) {
      throw invalid("error.order.tooLong", "the " + name + " is over " + max + " characters");
    }
    return stripped;
  }

  private static HandoffException invalid(String code, String what) {
    return new HandoffException(HandoffException.Kind.INVALID, code, what);
  }
}
