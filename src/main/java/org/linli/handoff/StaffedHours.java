package org.linli.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When staff answer: the days and hours an administrator set (stored as settings), or else the
 * configured defaults.
 */
final class StaffedHours {

  static final String DAYS = "handoff.staffed-days";
  static final String FROM = "handoff.staffed-from";
  static final String UNTIL = "handoff.staffed-until";

  /** Staffed days and hours. */
  record Schedule(Set<DayOfWeek> days, LocalTime from, LocalTime until) {}

  private final HandoffProperties properties;
  private final WorkOrderStore store;

  StaffedHours(HandoffProperties properties, WorkOrderStore store) {
    this.properties = properties;
    this.store = store;
  }

  Schedule schedule() {
    Set<DayOfWeek> days =
        store.setting(DAYS)
            .map(v -> (Set<DayOfWeek>) Arrays.stream(v.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class))))
            .orElse(properties.staffedDays());
    LocalTime from = store.setting(FROM).map(LocalTime::parse).orElse(properties.staffedFrom());
    LocalTime until = store.setting(UNTIL).map(LocalTime::parse).orElse(properties.staffedUntil());
    return new Schedule(days, from, until);
  }

  static String daysText(Set<DayOfWeek> days) {
    return days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
  }

  boolean staffed(Instant at) {
    return staffed(at, schedule());
  }

  private boolean staffed(Instant at, Schedule s) {
    ZonedDateTime t = at.atZone(properties.zone());
    return s.days().contains(t.getDayOfWeek())
        && !t.toLocalTime().isBefore(s.from())
        && t.toLocalTime().isBefore(s.until());
  }

  /** The next moment staffed hours begin (or {@code at} itself when staffed now). */
  Instant nextStaffed(Instant at) {
    Schedule s = schedule();
    if (staffed(at, s)) {
      return at;
    }
    ZonedDateTime t = at.atZone(properties.zone());
    for (int day = 0; day <= 7; day++) {
      ZonedDateTime opening = t.toLocalDate().plusDays(day).atTime(s.from()).atZone(properties.zone());
      if (opening.isAfter(t) && s.days().contains(opening.getDayOfWeek())) {
        return opening.toInstant();
      }
    }
    return at;
  }
}
