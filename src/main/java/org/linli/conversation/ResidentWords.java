package org.linli.conversation;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.linli.handoff.QueueInfo;
import org.linli.handoff.WorkOrder;
import org.linli.knowledge.Lang;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** What residents are told about their work orders, in their language, from the message bundle. */
@Component
class ResidentWords {

  private static final DateTimeFormatter ZH_TIME = DateTimeFormatter.ofPattern("M月d日 H:mm");
  private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

  private final MessageSource messages;
  private final ZoneId zone;

  ResidentWords(MessageSource messages, org.linli.handoff.HandoffProperties handoff) {
    this.messages = messages;
    this.zone = handoff.zone();
  }

  String get(Lang lang, String key, Object... args) {
    return messages.getMessage(key, args, key, locale(lang));
  }

  /**
   * A home visit in plain words: "12月3日上午（9:00至11:00）"; the part of the day is named when
   * the window lies within one (morning until 12:00, afternoon 12:00-18:00, evening after 18:00).
   */
  String homeVisit(Lang lang, java.time.Instant from, java.time.Instant until, String who, String number) {
    java.time.ZonedDateTime start = from.atZone(zone);
    java.time.ZonedDateTime end = until.atZone(zone);
    java.time.LocalTime noon = java.time.LocalTime.NOON;
    java.time.LocalTime six = java.time.LocalTime.of(18, 0);
    String part =
        !end.toLocalTime().isAfter(noon) ? "morning"
            : !start.toLocalTime().isBefore(six) ? "evening"
            : !start.toLocalTime().isBefore(noon) && !end.toLocalTime().isAfter(six) ? "afternoon"
            : "day";
    DateTimeFormatter day = lang == Lang.EN
        ? DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH)
        : DateTimeFormatter.ofPattern("M月d日");
    DateTimeFormatter hour = DateTimeFormatter.ofPattern("H:mm");
    return get(lang, "resident.ticket.homeVisit",
        who == null || who.isBlank() ? "" : get(lang, "resident.homeVisit.who", who),
        day.format(start), get(lang, "resident.homeVisit." + part), hour.format(start), hour.format(end), number);
  }

  String queue(Lang lang, QueueInfo info) {
    if (info.claimed()) {
      return "";
    }
    if (info.priorityCallback() && info.staffedNow()) {
      return get(lang, "resident.queue.priorityCallback", info.number());
    }
    if (!info.staffedNow()) {
      String when = (lang == Lang.EN ? EN_TIME : ZH_TIME).format(info.callbackFrom().atZone(zone));
      return get(lang, "resident.queue.callback", when, info.number());
    }
    int ahead = info.position() - 1;
    if (ahead <= 0) {
      return get(lang, "resident.queue.next");
    }
    return get(lang, "resident.queue.wait", ahead, info.expectedWaitMinutes());
  }

  /** One order in plain words: "工单 123456（漏水）：张师傅正在处理". */
  String status(Lang lang, WorkOrder order) {
    String who = order.ownerName() != null ? order.ownerName() : get(lang, "status.someone");
    String state =
        switch (order.status()) {
          case NEW -> get(lang, "status.new");
          case CLAIMED -> get(lang, "status.claimed", who);
          case IN_PROGRESS -> get(lang, "status.in_progress", who);
          case WAITING_RESIDENT -> get(lang, "status.waiting_resident", who);
          case RESOLVED -> get(lang, "status.resolved", order.resolution());
          case CLOSED -> get(lang, "status.closed");
        };
    return get(lang, "resident.status.line", order.number(), category(lang, order.category()), state);
  }

  String category(Lang lang, String category) {
    return get(lang, "category." + category);
  }

  static Locale locale(Lang lang) {
    return lang == Lang.EN ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
  }
}
