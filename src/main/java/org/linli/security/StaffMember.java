package org.linli.security;

import java.util.Set;

/** A member of staff as the application knows them. */
public record StaffMember(
    String username, String displayName, String department, Set<Role> roles, boolean mustChangePassword) {

  /** What a member of staff may do. */
  public enum Role {
    STAFF,
    SUPERVISOR,
    ADMIN
  }

  public StaffMember {
    roles = Set.copyOf(roles);
  }

  /** Supervisors and administrators see every queue. */
  public boolean supervisor() {
    return roles.contains(Role.SUPERVISOR) || roles.contains(Role.ADMIN);
  }

  public boolean admin() {
    return roles.contains(Role.ADMIN);
  }
}
