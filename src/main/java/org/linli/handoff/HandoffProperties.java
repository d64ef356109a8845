package org.linli.handoff;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Work order settings (every one is in the README's configuration table).
 *
 * @param slaByPriority the deadline of an order of each priority (0 = emergency); a category's
 *     own {@code sla_hours} in the routing table shortens it
 * @param unclaimedAlertAfter an order nobody has claimed after this long alerts supervisors
 * @param handlingTime the average time staff need per order, for the expected wait
 * @param staffedDays days on which staff answer
 * @param staffedFrom start of staffed hours (local time in {@code zone})
 * @param staffedUntil end of staffed hours
 * @param zone the service centre's time zone
 * @param jobInterval how often the SLA and unclaimed-order checks run
 */
@ConfigurationProperties("linli.handoff")
public record HandoffProperties(
    Map<Integer, Duration> slaByPriority,
    Duration unclaimedAlertAfter,
    Duration handlingTime,
    Set<DayOfWeek> staffedDays,
    LocalTime staffedFrom,
    LocalTime staffedUntil,
    ZoneId zone,
    Duration jobInterval) {

  public HandoffProperties {
    slaByPriority =
        slaByPriority == null || slaByPriority.isEmpty()
            ? Map.of(
                0, Duration.ofHours(2),
                1, Duration.ofHours(8),
                2, Duration.ofHours(48),
                3, Duration.ofHours(120))
            : Map.copyOf(slaByPriority);
    unclaimedAlertAfter = unclaimedAlertAfter == null ? Duration.ofMinutes(30) : unclaimedAlertAfter;
    handlingTime = handlingTime == null ? Duration.ofMinutes(10) : handlingTime;
    staffedDays =
        staffedDays == null || staffedDays.isEmpty()
            ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY)
            : EnumSet.copyOf(staffedDays);
    staffedFrom = staffedFrom == null ? LocalTime.of(8, 30) : staffedFrom;
    staffedUntil = staffedUntil == null ? LocalTime.of(17, 30) : staffedUntil;
    zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    jobInterval = jobInterval == null ? Duration.ofMinutes(1) : jobInterval;
  }

  Duration sla(int priority) {
    Duration d = slaByPriority.get(priority);
    if (d != null) {
      return d;
    }
    return slaByPriority.getOrDefault(3, Duration.ofHours(120));
  }
}
