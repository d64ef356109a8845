package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.handoff.HandoffService;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every JSON endpoint that takes a body, fed every kind of bad input: each answer is a 4xx problem
 * detail (never a 500, never a stack trace), and nothing is stored.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class BadInputTest {

  static final String TICKET = "{ticket}";
  static final String RESIDENT = "{resident}";

  /** An endpoint and its body, with {@code %s} where one string value goes. */
  record Endpoint(HttpMethod method, String path, String template, boolean staff) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** A bad body: whole (ignores the template) or one bad string value put into the template. */
  record Bad(String name, byte[] whole, String value) {
    byte[] body(Endpoint e) {
      return whole != null ? whole : e.template().formatted(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint(HttpMethod.POST, "/api/chat/messages", "{\"text\":%s}", false),
          new Endpoint(HttpMethod.POST, "/api/staff/tickets/" + TICKET + "/messages", "{\"text\":%s}", true),
          new Endpoint(HttpMethod.POST, "/api/staff/tickets/" + TICKET + "/notes", "{\"text\":%s}", true),
          new Endpoint(HttpMethod.POST, "/api/staff/tickets/" + TICKET + "/transfer",
              "{\"department\":\"property\",\"reason\":%s}", true),
          new Endpoint(HttpMethod.POST, "/api/staff/tickets/" + TICKET + "/resolve", "{\"resolution\":%s}", true),
          new Endpoint(HttpMethod.POST, "/api/staff/tickets/" + TICKET + "/reassign", "{\"username\":%s}", true),
          new Endpoint(HttpMethod.PUT, "/api/staff/admin/routing/lift", "{\"department\":%s,\"slaHours\":4}", true),
          new Endpoint(HttpMethod.POST, "/api/staff/admin/staff",
              "{\"username\":\"newcomer\",\"displayName\":%s,\"password\":\"long-enough-password\"}", true),
          new Endpoint(HttpMethod.PUT, "/api/staff/admin/residents/" + RESIDENT + "/support",
              "{\"needs\":%s,\"consent\":true}", true),
          new Endpoint(HttpMethod.POST, "/api/staff/admin/residents/" + RESIDENT + "/proxies",
              "{\"proxyResidentId\":%s,\"relation\":\"son\",\"consent\":true}", true),
          new Endpoint(HttpMethod.POST, "/api/admin/residents/export", "{\"phone\":%s}", true),
          new Endpoint(HttpMethod.POST, "/api/admin/residents/erase", "{\"openid\":%s}", true));

  static final List<Bad> BAD =
      List.of(
          whole("malformed JSON", "{\"text\": \"高龄津贴"),
          whole("empty body", ""),
          whole("JSON array", "[]"),
          whole("JSON string", "\"高龄津贴\""),
          new Bad("invalid UTF-8", new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, 0x28,
              (byte) 0xFF, (byte) 0xFE, '"', '}'}, null),
          whole("nested 5,000 deep", "[".repeat(5000) + "]".repeat(5000)),
          whole("raw control character in a string", "{\"text\":\"a\u0001b\"}"),
          value("escaped NUL", "\"hello\\u0000world\""),
          value("escaped escape character", "\"\\u001b[31mred\""),
          value("lone surrogate", "\"\\ud800\""),
          value("10,000 characters", "\"" + "问".repeat(10_000) + "\""),
          value("object instead of text", "{\"a\":1}"),
          value("number instead of text", "12"));

  static Bad whole(String name, String body) {
    return new Bad(name, body.getBytes(StandardCharsets.UTF_8), null);
  }

  static Bad value(String name, String json) {
    return new Bad(name, null, json);
  }

  static Stream<Arguments> everyEndpointWithEveryBadInput() {
    List<Arguments> all = new ArrayList<>();
    for (Endpoint e : ENDPOINTS) {
      for (Bad b : BAD) {
        all.add(Arguments.of(e, b));
      }
    }
    return all.stream();
  }

  static final List<String> TABLES =
      List.of("conversation", "message", "work_order", "work_order_event", "audit_event", "staff_user",
          "routing_rule", "resident_support", "resident_proxy", "outbox", "resident", "resident_identity");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired HandoffService handoff;
  @Autowired ResidentDirectory residents;

  String ticket;
  String resident;

  @BeforeEach
  void anOrderClaimedByTheAdministratorAndAResident() {
    var order = handoff.open(new HandoffService.OpenRequest(
        "lift", 2, "电梯坏了", null, null, null, "web", null, "resident"));
    handoff.claim(new org.linli.handoff.Actor("admin", "Administrator", null, true), order.number());
    ticket = order.number();
    resident = residents.residentFor(IdentityKind.PHONE, "13900001111");
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("everyEndpointWithEveryBadInput")
  void badInputGetsAProblemDetailAndLeavesNothingBehind(Endpoint endpoint, Bad bad) throws Exception {
    Map<String, Integer> before = rowCounts();

    String path = endpoint.path().replace(TICKET, ticket).replace(RESIDENT, resident);
    MockHttpServletRequestBuilder request =
        request(endpoint.method(), path).contentType(MediaType.APPLICATION_JSON).content(bad.body(endpoint));
    if (endpoint.staff()) {
      request = request.with(user("admin").roles("ADMIN"));
    }
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

    assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(400, 499);
    assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8))
        .contains("\"status\":" + response.getStatus())
        .doesNotContain("Exception")
        .doesNotContain("at org.");
    assertThat(rowCounts()).isEqualTo(before);
  }

  private Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Integer.class).single());
    }
    return counts;
  }
}
