package org.linli.channels.twilio;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio SMS and voice. The four credentials come from the environment ({@code TWILIO_*}, {@code
 * LINLI_PUBLIC_BASE_URL}, mapped in {@code application.properties}); everything else has a default
 * that suits elderly Mandarin-speaking callers.
 *
 * @param accountSid {@code TWILIO_ACCOUNT_SID}; needed to send
 * @param authToken {@code TWILIO_AUTH_TOKEN}; turns the webhooks on (their signatures are checked
 *     with it) and is needed to send
 * @param fromNumber {@code TWILIO_FROM_NUMBER}: the number outbound SMS come from
 * @param messagingServiceSid {@code TWILIO_MESSAGING_SERVICE_SID}: used instead of the from number
 * @param publicBaseUrl {@code LINLI_PUBLIC_BASE_URL}: the address Twilio calls (scheme, host, port),
 *     e.g. {@code https://linli.example.gov.cn}; signatures are checked against it and action and
 *     status callback URLs are built from it. Empty: the request's own URL (fine without a proxy)
 * @param apiBaseUrl where the REST API is; empty for Twilio itself. Point it at a recording stub
 *     for tests and drills
 * @param speechLanguage {@code <Gather language>}: the recogniser's name for Mandarin
 * @param voiceLanguage {@code <Say language>} for Chinese
 * @param voiceZh {@code <Say voice>} for Chinese; Polly and Google voices also get SSML prosody
 * @param voiceEn {@code <Say voice>} for English
 * @param speechTimeoutSeconds silence that ends a spoken answer; an integer, never {@code auto}
 * @param gatherTimeoutSeconds how long to wait for the caller to start
 * @param minSpeechConfidence a transcript below this is read back for confirmation first
 * @param staffedNumber the staffed line that {@code <Dial>} rings for "a person"; empty: callbacks
 * @param staffedDays days the line is staffed, e.g. {@code MON-FRI} or {@code MON-SAT}
 * @param staffedHours hours the line is staffed, e.g. {@code 08:30-17:30}
 * @param timeZone the service centre's time zone, for staffed hours
 * @param dialTimeoutSeconds how long the staffed line rings before the caller is offered a callback
 */
@ConfigurationProperties("linli.twilio")
public record TwilioProperties(
    @DefaultValue("") String accountSid,
    @DefaultValue("") String authToken,
    @DefaultValue("") String fromNumber,
    @DefaultValue("") String messagingServiceSid,
    @DefaultValue("") String publicBaseUrl,
    @DefaultValue("") String apiBaseUrl,
    @DefaultValue("cmn-Hans-CN") String speechLanguage,
    @DefaultValue("cmn-CN") String voiceLanguage,
    @DefaultValue("Polly.Zhiyu") String voiceZh,
    @DefaultValue("Polly.Joanna") String voiceEn,
    @DefaultValue("4") int speechTimeoutSeconds,
    @DefaultValue("8") int gatherTimeoutSeconds,
    @DefaultValue("0.5") double minSpeechConfidence,
    @DefaultValue("") String staffedNumber,
    @DefaultValue("MON-FRI") String staffedDays,
    @DefaultValue("08:30-17:30") String staffedHours,
    @DefaultValue("Asia/Shanghai") String timeZone,
    @DefaultValue("30") int dialTimeoutSeconds) {

  public TwilioProperties {
    if (speechTimeoutSeconds < 1 || speechTimeoutSeconds > 30) {
      throw new IllegalArgumentException("linli.twilio.speech-timeout-seconds must be 1..30");
    }
    if (gatherTimeoutSeconds < 1 || gatherTimeoutSeconds > 60) {
      throw new IllegalArgumentException("linli.twilio.gather-timeout-seconds must be 1..60");
    }
    parseDays(staffedDays);
    parseHours(staffedHours);
    ZoneId.of(timeZone);
  }

  /** Webhooks are on when there is a token to check their signatures with. */
  public boolean inboundEnabled() {
    return !authToken.isBlank();
  }

  /** Sending needs the account, the token and a sender (number or messaging service). */
  public boolean sendingEnabled() {
    return !accountSid.isBlank()
        && !authToken.isBlank()
        && (!fromNumber.isBlank() || !messagingServiceSid.isBlank());
  }

  /** What is missing for sending, by environment variable name; empty when sending is on. */
  public String sendingMissing() {
    StringBuilder missing = new StringBuilder();
    if (accountSid.isBlank()) {
      missing.append("TWILIO_ACCOUNT_SID ");
    }
    if (authToken.isBlank()) {
      missing.append("TWILIO_AUTH_TOKEN ");
    }
    if (fromNumber.isBlank() && messagingServiceSid.isBlank()) {
      missing.append("TWILIO_FROM_NUMBER|TWILIO_MESSAGING_SERVICE_SID ");
    }
    return missing.toString().strip();
  }

  /** True when a staffed number is set and {@code at} falls within the staffed days and hours. */
  public boolean staffedAt(ZonedDateTime at) {
    if (staffedNumber.isBlank()) {
      return false;
    }
    ZonedDateTime local = at.withZoneSameInstant(ZoneId.of(timeZone));
    LocalTime[] hours = parseHours(staffedHours);
    LocalTime t = local.toLocalTime();
    return parseDays(staffedDays).contains(local.getDayOfWeek())
        && !t.isBefore(hours[0])
        && t.isBefore(hours[1]);
  }

  static Set<DayOfWeek> parseDays(String spec) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : spec.toUpperCase(Locale.ROOT).split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      String[] range = p.split("-");
      DayOfWeek from = day(range[0]);
      DayOfWeek to = range.length > 1 ? day(range[1]) : from;
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        days.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek day(String abbreviation) {
    String a = abbreviation.strip();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(a) && a.length() >= 2) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "linli.twilio.staffed-days: unknown day '" + abbreviation + "' (use MON-FRI or MON,WED)");
  }

  static LocalTime[] parseHours(String spec) {
    String[] range = spec.strip().split("-");
    if (range.length != 2) {
      throw new IllegalArgumentException("linli.twilio.staffed-hours must look like 08:30-17:30");
    }
    return new LocalTime[] {LocalTime.parse(range[0].strip()), LocalTime.parse(range[1].strip())};
  }
}
