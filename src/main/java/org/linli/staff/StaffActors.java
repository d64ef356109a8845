package org.linli.staff;

import java.security.Principal;
import org.linli.handoff.Actor;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.stereotype.Component;

/** The logged-in member of staff as the work order service sees them. */
@Component
class StaffActors {

  private final StaffAccounts accounts;

  StaffActors(StaffAccounts accounts) {
    this.accounts = accounts;
  }

  Actor actor(Principal principal) {
    return actor(member(principal));
  }

  StaffMember member(Principal principal) {
    return accounts
        .find(principal.getName())
        .orElseThrow(() -> new IllegalStateException("no such staff account"));
  }

  static Actor actor(StaffMember m) {
    return new Actor(m.username(), m.displayName(), m.department(), m.supervisor());
  }
}
