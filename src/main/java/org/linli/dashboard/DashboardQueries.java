package org.linli.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.linli.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only figures for supervisors, straight from the tables (reporting reads; no feature's
 * behaviour depends on them). Times are bucketed in the service centre's time zone.
 */
@Component
class DashboardQueries {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final PersonalData personalData;

  DashboardQueries(
      JdbcClient jdbc,
      Clock clock,
      org.linli.handoff.HandoffProperties handoff,
      PersonalData personalData) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = handoff.zone();
    this.personalData = personalData;
  }

  record DailyChannels(List<LocalDate> days, Map<String, double[]> byChannel) {}

  /** Conversations started per day and channel, for the last {@code days} days. */
  @Transactional(readOnly = true)
  DailyChannels requestsPerDay(int days) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    LocalDate first = today.minusDays(days - 1L);
    List<LocalDate> axis = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
      axis.add(d);
    }
    Map<String, double[]> series = new TreeMap<>();
    jdbc.sql("select channel, created_at from conversation where created_at >= ?")
        .param(first.atStartOfDay(zone).toOffsetDateTime())
        .query(rs -> {
          String channel = rs.getString(1);
          LocalDate day = LocalDate.ofInstant(rs.getObject(2, OffsetDateTime.class).toInstant(), zone);
          int i = axis.indexOf(day);
          if (i >= 0) {
            series.computeIfAbsent(channel, c -> new double[axis.size()])[i]++;
          }
        });
    return new DailyChannels(axis, series);
  }

  record OpenOrder(String department, Instant createdAt, Instant dueAt) {}

  @Transactional(readOnly = true)
  List<OpenOrder> openOrders() {
    return jdbc.sql("select department, created_at, due_at from work_order"
            + " where status in ('new', 'claimed', 'in_progress', 'waiting_resident')")
        .query((rs, i) -> new OpenOrder(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
            rs.getObject(3, OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Open orders by department, split into age bands. */
  Map<String, double[]> openByDepartmentAndAge(List<OpenOrder> open) {
    Instant now = clock.instant();
    Map<String, double[]> byDepartment = new TreeMap<>();
    for (OpenOrder o : open) {
      long hours = Duration.between(o.createdAt(), now).toHours();
      int band = hours < 4 ? 0 : hours < 24 ? 1 : hours < 72 ? 2 : 3;
      byDepartment.computeIfAbsent(o.department(), d -> new double[4])[band]++;
    }
    return byDepartment;
  }

  record Sla(String department, int resolved, int onTime) {
    double share() {
      return resolved == 0 ? 1 : (double) onTime / resolved;
    }
  }

  /** Orders resolved in the last 30 days, and how many of them within their deadline. */
  @Transactional(readOnly = true)
  List<Sla> slaCompliance() {
    Map<String, int[]> counts = new TreeMap<>();
    jdbc.sql("select department, resolved_at, due_at, closed_at from work_order"
            + " where coalesce(resolved_at, closed_at) >= ?")
        .param(utc(clock.instant().minus(30, ChronoUnit.DAYS)))
        .query(rs -> {
          OffsetDateTime resolved = rs.getObject(2, OffsetDateTime.class);
          if (resolved == null) {
            resolved = rs.getObject(4, OffsetDateTime.class);
          }
          int[] c = counts.computeIfAbsent(rs.getString(1), d -> new int[2]);
          c[0]++;
          if (!resolved.toInstant().isAfter(rs.getObject(3, OffsetDateTime.class).toInstant())) {
            c[1]++;
          }
        });
    List<Sla> result = new ArrayList<>();
    counts.forEach((d, c) -> result.add(new Sla(d, c[0], c[1])));
    return result;
  }

  record WeeklyRating(LocalDate weekStart, double average, int count) {}

  /** Average rating per week, last 8 weeks. */
  @Transactional(readOnly = true)
  List<WeeklyRating> satisfaction() {
    LocalDate thisWeek = LocalDate.ofInstant(clock.instant(), zone)
        .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    LocalDate first = thisWeek.minusWeeks(7);
    Map<LocalDate, int[]> weeks = new TreeMap<>();
    for (int i = 0; i < 8; i++) {
      weeks.put(first.plusWeeks(i), new int[2]);
    }
    jdbc.sql("select rating, rated_at from work_order where rating is not null and rated_at >= ?")
        .param(first.atStartOfDay(zone).toOffsetDateTime())
        .query(rs -> {
          LocalDate week = LocalDate.ofInstant(rs.getObject(2, OffsetDateTime.class).toInstant(), zone)
              .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
          int[] w = weeks.get(week);
          if (w != null) {
            w[0] += rs.getInt(1);
            w[1]++;
          }
        });
    List<WeeklyRating> result = new ArrayList<>();
    weeks.forEach((week, w) -> result.add(new WeeklyRating(week, w[1] == 0 ? 0 : (double) w[0] / w[1], w[1])));
    return result;
  }

  record Unanswered(String question, int count, String example) {}

  /**
   * Policy questions of the last 30 days that got no answer with a source, grouped by their
   * normalised text, most frequent first. The texts are encrypted at rest, so they are decrypted
   * here and grouped in memory (30 days of one centre's policy questions).
   */
  @Transactional(readOnly = true)
  List<Unanswered> unanswered(int limit) {
    Map<String, Unanswered> groups = new LinkedHashMap<>();
    jdbc.sql("select m.text, m.text_enc from message m where m.direction = 'in' and m.intent = 'ask_policy'"
            + " and m.created_at >= ? and not exists (select 1 from message r where r.reply_to = m.id"
            + " and r.sources is not null)")
        .param(utc(clock.instant().minus(30, ChronoUnit.DAYS)))
        .query(rs -> {
          String text = personalData.read(rs.getString(2), rs.getString(1));
          String key = normalise(text);
          if (!key.isEmpty()) {
            groups.merge(key, new Unanswered(key, 1, text),
                (a, b) -> new Unanswered(a.question(), a.count() + 1, a.example()));
          }
        });
    return groups.values().stream()
        .sorted(Comparator.comparingInt(Unanswered::count).reversed())
        .limit(limit)
        .toList();
  }

  /** Punctuation, spaces and question particles do not make a different question. */
  static String normalise(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    t = t.replaceAll("[\\p{P}\\p{S}\\s]+", "");
    t = t.replaceAll("(吗|呢|呀|啊|吧)$", "");
    return t.length() > 60 ? t.substring(0, 60) : t;
  }

  record Spike(String category, int thisWeek, double usual) {}

  /**
   * Categories whose orders in the last 7 days are far above their usual week (the average of
   * the 4 weeks before): at least 3 orders and at least twice the usual level.
   */
  @Transactional(readOnly = true)
  List<Spike> spikes() {
    Instant now = clock.instant();
    Instant weekAgo = now.minus(7, ChronoUnit.DAYS);
    Instant fiveWeeksAgo = now.minus(35, ChronoUnit.DAYS);
    Map<String, int[]> counts = new TreeMap<>();
    jdbc.sql("select category, created_at from work_order where created_at >= ?")
        .param(utc(fiveWeeksAgo))
        .query(rs -> {
          int[] c = counts.computeIfAbsent(rs.getString(1), k -> new int[2]);
          if (rs.getObject(2, OffsetDateTime.class).toInstant().isAfter(weekAgo)) {
            c[0]++;
          } else {
            c[1]++;
          }
        });
    List<Spike> spikes = new ArrayList<>();
    counts.forEach((category, c) -> {
      double usual = c[1] / 4.0;
      if (c[0] >= 3 && c[0] >= 2 * Math.max(1.0, usual)) {
        spikes.add(new Spike(category, c[0], usual));
      }
    });
    spikes.sort(Comparator.comparingInt(Spike::thisWeek).reversed());
    return spikes;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
