package org.linli.staff;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffException;
import org.linli.handoff.HomeVisits;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.stereotype.Component;

/**
 * A home visit request as the API and the console send it (ISO date, HH:mm times, the assignee's
 * user name), checked and handed to {@link HomeVisits}: bad input is a clear error, never a half
 * visit.
 */
@Component
class HomeVisitRequests {

  private final HomeVisits visits;
  private final StaffAccounts accounts;

  HomeVisitRequests(HomeVisits visits, StaffAccounts accounts) {
    this.visits = visits;
    this.accounts = accounts;
  }

  HomeVisits.HomeVisit schedule(Actor actor, String number, String date, String from, String until,
      String address, String assignee) {
    LocalDate day;
    LocalTime start;
    LocalTime end;
    try {
      day = LocalDate.parse(date == null ? "" : date.strip());
      start = LocalTime.parse(from == null ? "" : from.strip());
      end = LocalTime.parse(until == null ? "" : until.strip());
    } catch (DateTimeParseException e) {
      throw new HandoffException(HandoffException.Kind.INVALID, "error.visit.window",
          "date is YYYY-MM-DD, from and until are HH:mm");
    }
    StaffMember who = accounts.find(assignee == null ? "" : assignee.strip())
        .orElseThrow(() -> new HandoffException(HandoffException.Kind.INVALID, "error.visit.assignee",
            "no member of staff " + assignee));
    return visits.schedule(actor, number, day, start, end, address, who.username(), who.displayName());
  }
}
