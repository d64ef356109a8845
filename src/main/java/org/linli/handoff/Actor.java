package org.linli.handoff;

/**
 * Who acts on a work order: a member of staff (with their department), a supervisor or
 * administrator (who see and may act on every order), or the system and the resident.
 *
 * @param department the staff member's department code, or null
 * @param supervisor supervisors and administrators see every queue and may reassign
 */
public record Actor(String username, String displayName, String department, boolean supervisor) {

  public static final Actor SYSTEM = new Actor("system", "system", null, true);
  public static final Actor RESIDENT = new Actor("resident", "resident", null, false);

  public Actor {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("an actor needs a name");
    }
    displayName = displayName == null || displayName.isBlank() ? username : displayName;
  }
}
