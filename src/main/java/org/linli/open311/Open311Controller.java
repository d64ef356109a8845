package org.linli.open311;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.linli.channels.InputText;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.linli.handoff.RoutingRule;
import org.linli.handoff.TicketStatus;
import org.linli.handoff.WorkOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 (JSON) over the work orders, so that a city's case system can read and
 * file them. Errors use GeoReport's own error list ({@code [{"code":..,"description":..}]}),
 * which its clients expect, rather than problem details.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311Controller {

  private static final Actor READER = new Actor("open311", "Open311", null, true);

  private final HandoffService handoff;
  private final org.linli.conversation.ContactOrders contactOrders;
  private final Open311Keys keys;
  private final MessageSource messages;
  private final boolean publicRead;

  Open311Controller(
      HandoffService handoff,
      org.linli.conversation.ContactOrders contactOrders,
      Open311Keys keys,
      MessageSource messages,
      @Value("${linli.open311.public-read:false}") boolean publicRead) {
    this.handoff = handoff;
    this.contactOrders = contactOrders;
    this.keys = keys;
    this.messages = messages;
    this.publicRead = publicRead;
  }

  /** A request the client made wrongly, answered in GeoReport's error format. */
  static final class Open311Exception extends RuntimeException {
    final HttpStatus status;

    Open311Exception(HttpStatus status, String description) {
      super(description);
      this.status = status;
    }
  }

  @ExceptionHandler(Open311Exception.class)
  ResponseEntity<List<Map<String, Object>>> error(Open311Exception e) {
    return ResponseEntity.status(e.status)
        .body(List.of(Map.of("code", e.status.value(), "description", e.getMessage())));
  }

  @GetMapping("/services.json")
  List<Map<String, Object>> services() {
    return handoff.routingTable().stream().map(this::service).toList();
  }

  private Map<String, Object> service(RoutingRule rule) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service_code", rule.category());
    m.put("service_name", name(rule.category()));
    m.put("description", name(rule.category()));
    m.put("metadata", false);
    m.put("type", "realtime");
    m.put("keywords", rule.category());
    m.put("group", rule.department());
    return m;
  }

  @GetMapping("/requests.json")
  List<Map<String, Object>> requests(
      @RequestParam(name = "api_key", required = false) String apiKey,
      @RequestParam(name = "service_request_id", required = false) String ids,
      @RequestParam(name = "service_code", required = false) String serviceCode,
      @RequestParam(name = "start_date", required = false) String startDate,
      @RequestParam(name = "end_date", required = false) String endDate,
      @RequestParam(name = "status", required = false) String status) {
    boolean trusted = requireReader(apiKey);
    if (ids != null && !ids.isBlank()) {
      return java.util.Arrays.stream(ids.split(","))
          .map(String::strip)
          .map(handoff::byNumber)
          .flatMap(java.util.Optional::stream)
          .map(o -> request(o, trusted))
          .toList();
    }
    Instant start = parse(startDate, "start_date");
    Instant end = parse(endDate, "end_date");
    if (status != null && !status.isBlank() && !status.equals("open") && !status.equals("closed")) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST, "status must be open or closed");
    }
    return handoff.search(READER, null, null).stream()
        .filter(o -> serviceCode == null || serviceCode.isBlank() || serviceCode.equals(o.category()))
        .filter(o -> start == null || !o.createdAt().isBefore(start))
        .filter(o -> end == null || !o.createdAt().isAfter(end))
        .filter(o -> status == null || status.isBlank() || status.equals(open311Status(o)))
        .limit(1000)
        .map(o -> request(o, trusted))
        .toList();
  }

  @GetMapping("/requests/{id}.json")
  List<Map<String, Object>> request(
      @PathVariable String id, @RequestParam(name = "api_key", required = false) String apiKey) {
    boolean trusted = requireReader(apiKey);
    return handoff.byNumber(id)
        .map(o -> List.of(request(o, trusted)))
        .orElseThrow(() -> new Open311Exception(HttpStatus.NOT_FOUND, "no service request " + id));
  }

  /** Files a request; needs an API key. Form-encoded, as GeoReport v2 specifies. */
  @PostMapping("/requests.json")
  ResponseEntity<List<Map<String, Object>>> create(@RequestParam MultiValueMap<String, String> form) {
    String client = keys.client(form.getFirst("api_key"))
        .orElseThrow(() -> new Open311Exception(HttpStatus.FORBIDDEN, "a valid api_key is required"));
    String code = form.getFirst("service_code");
    if (code == null || handoff.routingTable().stream().noneMatch(r -> r.category().equals(code))) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST, "unknown service_code; see services.json");
    }
    String description = form.getFirst("description");
    if (description == null || description.isBlank()) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST, "description is required");
    }
    String address = form.getFirst("address_string");
    String lat = form.getFirst("lat");
    String lon = form.getFirst("long");
    text("description", description, MAX_DESCRIPTION);
    text("address_string", address, MAX_FIELD);
    text("lat", lat, 32);
    text("long", lon, 32);
    text("phone", form.getFirst("phone"), 32);
    try {
      HandoffService.contactPhone(form.getFirst("phone"));
    } catch (org.linli.handoff.HandoffException e) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST,
          "phone must be a telephone number: digits, optionally with + - . ( ) and spaces");
    }
    if ((address == null || address.isBlank()) && lat != null && lon != null) {
      address = lat + "," + lon;
    }
    // with a phone the resident is told by SMS (a landline: staff call back); without, nobody can be
    WorkOrder order = contactOrders.open(new HandoffService.OpenRequest(
        code,
        code.equals("emergency") ? 0 : 2,
        description.strip(),
        address,
        null,
        null,
        "open311",
        form.getFirst("phone"),
        "open311:" + client), org.linli.knowledge.Lang.ZH);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service_request_id", order.number());
    body.put("service_notice", null);
    body.put("account_id", null);
    return ResponseEntity.status(HttpStatus.CREATED).body(List.of(body));
  }

  /**
   * A work order as a service request. Without a valid key ({@code linli.open311.public-read}),
   * nothing a person wrote is returned: no description (the resident's words), no status notes
   * (staff's words), and the place only to its street or estate ({@link PublicAddress}).
   */
  private Map<String, Object> request(WorkOrder o, boolean trusted) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service_request_id", o.number());
    m.put("status", open311Status(o));
    m.put("status_notes", trusted ? o.resolution() : null);
    m.put("service_name", name(o.category()));
    m.put("service_code", o.category());
    m.put("description", trusted ? o.summary() : null);
    m.put("agency_responsible", o.department());
    m.put("service_notice", null);
    m.put("requested_datetime", iso(o.createdAt()));
    m.put("updated_datetime", iso(o.closedAt() != null ? o.closedAt() : o.resolvedAt() != null ? o.resolvedAt() : o.claimedAt() != null ? o.claimedAt() : o.createdAt()));
    m.put("expected_datetime", iso(o.dueAt()));
    m.put("address", trusted ? o.location() : PublicAddress.of(o.location()));
    m.put("address_id", null);
    m.put("zipcode", null);
    m.put("lat", null);
    m.put("long", null);
    m.put("media_url", null);
    return m;
  }

  private static String open311Status(WorkOrder o) {
    return o.status() == TicketStatus.RESOLVED || o.status() == TicketStatus.CLOSED ? "closed" : "open";
  }

  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_FIELD = 200;

  /**
   * Refuses a field with control characters, bytes that were no UTF-8 (decoded as U+FFFD), or more
   * than {@code max} characters, before anything is stored.
   */
  private static void text(String name, String value, int max) {
    if (value == null) {
      return;
    }
    if (InputText.hasForbiddenCharacters(value) || value.indexOf('\uFFFD') >= 0) {
      throw new Open311Exception(
          HttpStatus.BAD_REQUEST, name + " contains control characters or invalid UTF-8");
    }
    if (value.codePointCount(0, value.length()) > max) {
      throw new Open311Exception(
          HttpStatus.BAD_REQUEST, name + " is longer than " + max + " characters");
    }
  }

  /** Whether the caller has a valid key; refuses one without when reading is not public. */
  private boolean requireReader(String apiKey) {
    boolean trusted = keys.client(apiKey).isPresent();
    if (!publicRead && !trusted) {
      throw new Open311Exception(HttpStatus.FORBIDDEN, "a valid api_key is required to read service requests");
    }
    return trusted;
  }

  private String name(String category) {
    return messages.getMessage("category." + category, null, category, Locale.SIMPLIFIED_CHINESE);
  }

  private static String iso(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC).toString();
  }

  private static Instant parse(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST, name + " must be a W3C date-time, e.g. 2026-11-23T08:00:00Z");
    }
  }

}
