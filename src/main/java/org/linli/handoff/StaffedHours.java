package org.linli.handoff;

import java.time.Instant;
import java.time.ZonedDateTime;

/** Whether staff are in now, and when they are next. */
final class StaffedHours {

  private final HandoffProperties properties;

  StaffedHours(HandoffProperties properties) {
    this.properties = properties;
  }

  boolean staffed(Instant at) {
    ZonedDateTime t = at.atZone(properties.zone());
    return properties.staffedDays().contains(t.getDayOfWeek())
        && !t.toLocalTime().isBefore(properties.staffedFrom())
        && t.toLocalTime().isBefore(properties.staffedUntil());
  }

  /** The next moment staffed hours begin (or {@code at} itself when staffed now). */
  Instant nextStaffed(Instant at) {
    if (staffed(at)) {
      return at;
    }
    ZonedDateTime t = at.atZone(properties.zone());
    for (int day = 0; day <= 7; day++) {
      ZonedDateTime opening =
          t.toLocalDate().plusDays(day).atTime(properties.staffedFrom()).atZone(properties.zone());
      if (opening.isAfter(t) && properties.staffedDays().contains(opening.getDayOfWeek())) {
        return opening.toInstant();
      }
    }
    return at;
  }
}
