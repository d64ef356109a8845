package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.care.CareService;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.outbox.OutboxDispatcher;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.linli.security.StaffAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Residents recorded as needing extra help can get a home visit: the order's owner schedules it,
 * the resident is told in plain words on their channel, the order's history shows it, and
 * supervisors see every open visit. Everyone else is refused, and bad input stores nothing.
 *
 * <p>Run on each supported database: {@link H2HomeVisitTest}, {@link PostgresHomeVisitTest}.
 */
abstract class HomeVisitContract {

  static final ZoneId CENTRE = ZoneId.of("Asia/Shanghai");

  @Autowired MockMvc mvc;
  @Autowired ConversationPort conversations;
  @Autowired HandoffService handoff;
  @Autowired StaffAccounts accounts;
  @Autowired ResidentDirectory residents;
  @Autowired CareService care;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired HandoffTestSupport.RecordingSender sms;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void staff() {
    HandoffTestSupport.staff(accounts);
    dispatcher.dispatchDue();
    sms.sent.clear();
  }

  static RequestPostProcessor as(String user) {
    return httpBasic(user, HandoffTestSupport.PASSWORD);
  }

  /** An SMS resident asks for a person; with {@code extraHelp} they are recorded as needing it. */
  String order(String phone, boolean extraHelp, String location) {
    String number = conversations.handle(new InboundMessage(
            Channel.SMS, null, phone, "sms-" + System.nanoTime(), "人工", null, Instant.now()))
        .handoff().ticketId();
    if (extraHelp) {
      String resident = residents.find(IdentityKind.PHONE, phone).orElseThrow();
      care.recordSupport("admin", resident, "aged_80_plus,living_alone", true, null);
    }
    if (location != null) {
      jdbc.sql("update work_order set location = ? where number = ?").params(location, number).update();
    }
    return number;
  }

  static String body(LocalDate date, String from, String until, String assignee, String address) {
    return "{\"date\":\"" + date + "\",\"from\":\"" + from + "\",\"until\":\"" + until + "\",\"assignee\":\""
        + assignee + "\"" + (address == null ? "" : ",\"address\":\"" + address + "\"") + "}";
  }

  @Test
  void theOwnerSchedulesAVisitAndTheResidentIsToldWhenInPlainWords() throws Exception {
    String number = order("13700007001", true, "幸福小区3号楼2单元501");
    handoff.claim(new Actor("wang", "王师傅", "service", false), number);
    LocalDate day = LocalDate.now(CENTRE).plusDays(2);

    mvc.perform(post("/api/staff/tickets/" + number + "/home-visits").with(as("wang"))
            .contentType(MediaType.APPLICATION_JSON).content(body(day, "09:00", "11:00", "wang", null)))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.ticket").value(number))
        .andExpect(jsonPath("$.address").value("幸福小区3号楼2单元501"))
        .andExpect(jsonPath("$.assigneeName").value("王师傅"))
        .andExpect(jsonPath("$.status").value("scheduled"));
    // the home address is stored only encrypted
    var stored = jdbc.sql("select v.address, v.address_enc from home_visit v join work_order o"
            + " on o.id = v.work_order_id where o.number = ?").param(number).query().singleRow();
    assertThat(stored.get("address")).isNull();
    assertThat((String) stored.get("address_enc")).isNotBlank().doesNotContain("幸福小区");

    dispatcher.dispatchDue();
    String when = day.format(DateTimeFormatter.ofPattern("M月d日"));
    assertThat(sms.sent).filteredOn(m -> m.recipient().equals("13700007001"))
        .anySatisfy(m -> assertThat(m.text())
            .contains("工作人员王师傅将于" + when + "上午（9:00至11:00）上门").contains(number));
    assertThat(handoff.history(Actor.SYSTEM, number))
        .anySatisfy(h -> {
          assertThat(h.type()).isEqualTo("home_visit_scheduled");
          assertThat(h.actor()).isEqualTo("wang");
        });

    // supervisors see every open visit; staff of another department see none of it
    assertThat(mvc.perform(get("/api/staff/home-visits").with(as("zhao")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains(number);
    assertThat(mvc.perform(get("/api/staff/home-visits").with(as("li")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).doesNotContain(number);
    mvc.perform(get("/api/staff/tickets/" + number + "/home-visits").with(as("li"))).andExpect(status().isNotFound());

    // the console shows it on the order and on the supervisors' list
    String page = mvc.perform(get("/staff/tickets/" + number).with(user("wang").roles("STAFF")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    // shown in the service centre's time, as entered
    assertThat(page).contains("上门服务").contains(day + " 09:00–11:00 · 王师傅").contains("安排上门");
    String list = mvc.perform(get("/staff/visits").with(user("zhao").roles("SUPERVISOR")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(list).contains(number).contains("幸福小区3号楼2单元501").contains(day + " 09:00–11:00");

    // once made, the visit leaves the open list and the history says so
    long id = jdbc.sql("select v.id from home_visit v join work_order o on o.id = v.work_order_id where o.number = ?")
        .param(number).query(Long.class).single();
    mvc.perform(post("/api/staff/home-visits/" + id + "/done").with(as("wang")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("done"));
    assertThat(mvc.perform(get("/api/staff/home-visits").with(as("zhao")))
        .andReturn().getResponse().getContentAsString()).doesNotContain("\"ticket\":\"" + number + "\"");
    assertThat(handoff.history(Actor.SYSTEM, number)).extracting(HistoryEntry::type).contains("home_visit_done");
  }

  @Test
  void aVisitIsRefusedToResidentsWithoutExtraHelpToOtherStaffAndBeforeAnyoneClaimedTheOrder() throws Exception {
    LocalDate day = LocalDate.now(CENTRE).plusDays(1);
    String plain = order("13700007002", false, "和平里7号");
    handoff.claim(new Actor("wang", "王师傅", "service", false), plain);
    mvc.perform(post("/api/staff/tickets/" + plain + "/home-visits").with(as("wang"))
            .contentType(MediaType.APPLICATION_JSON).content(body(day, "14:00", "16:00", "wang", null)))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("error.visit.notOffered"));
    String page = mvc.perform(get("/staff/tickets/" + plain).with(user("wang").roles("STAFF")))
        .andReturn().getResponse().getContentAsString();
    assertThat(page).doesNotContain("安排上门");

    String unclaimed = order("13700007003", true, "和平里8号");
    mvc.perform(post("/api/staff/tickets/" + unclaimed + "/home-visits").with(as("zhao"))
            .contentType(MediaType.APPLICATION_JSON).content(body(day, "14:00", "16:00", "wang", null)))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("error.ticket.notClaimed"));
    mvc.perform(post("/api/staff/tickets/" + unclaimed + "/home-visits").with(as("li"))
            .contentType(MediaType.APPLICATION_JSON).content(body(day, "14:00", "16:00", "li", null)))
        .andExpect(status().isNotFound());

    // a supervisor may schedule for an order someone else owns
    handoff.claim(new Actor("wang", "王师傅", "service", false), unclaimed);
    mvc.perform(post("/api/staff/tickets/" + unclaimed + "/home-visits").with(as("zhao"))
            .contentType(MediaType.APPLICATION_JSON).content(body(day, "14:00", "16:00", "wang", null)))
        .andExpect(status().isCreated());
    assertThat(visitsOf(plain)).isZero();
  }

  @Test
  void badVisitRequestsAreExplainedAndStoreNothing() throws Exception {
    String number = order("13700007004", true, null);
    handoff.claim(new Actor("wang", "王师傅", "service", false), number);
    LocalDate day = LocalDate.now(CENTRE).plusDays(3);

    expectInvalid(number, body(day, "11:00", "09:00", "wang", "光明路1号"), "error.visit.window");
    expectInvalid(number, body(day, "08:00", "21:00", "wang", "光明路1号"), "error.visit.window");
    expectInvalid(number, "{\"date\":\"明天\",\"from\":\"9点\",\"until\":\"11点\",\"assignee\":\"wang\"}", "error.visit.window");
    expectInvalid(number, body(LocalDate.now(CENTRE).minusDays(1), "09:00", "11:00", "wang", "光明路1号"), "error.visit.when");
    expectInvalid(number, body(day, "09:00", "11:00", "nobody", "光明路1号"), "error.visit.assignee");
    expectInvalid(number, body(day, "09:00", "11:00", "wang", null), "error.visit.address");
    assertThat(visitsOf(number)).isZero();
    assertThat(handoff.history(Actor.SYSTEM, number)).extracting(HistoryEntry::type)
        .doesNotContain("home_visit_scheduled");

    // the console form: the same rules, the error shown on the order's page
    mvc.perform(post("/staff/tickets/" + number + "/visits").with(csrf()).with(user("wang").roles("STAFF"))
            .param("date", day.toString()).param("from", "09:00").param("until", "11:00").param("assignee", "wang"))
        .andExpect(status().is3xxRedirection())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
            .attribute("error", org.hamcrest.Matchers.containsString("地址")));
    mvc.perform(post("/staff/tickets/" + number + "/visits").with(csrf()).with(user("wang").roles("STAFF"))
            .param("date", day.toString()).param("from", "14:00").param("until", "17:00")
            .param("assignee", "wang").param("address", "光明路1号"))
        .andExpect(status().is3xxRedirection());
    assertThat(visitsOf(number)).isEqualTo(1);
  }

  @Autowired HomeVisits visits;

  @Test
  void aVisitCancelledInTheConsoleLeavesTheListAndCannotBeMarkedMadeAfterwards() throws Exception {
    String number = order("13700007011", true, "幸福小区5号楼101");
    handoff.claim(new Actor("wang", "王师傅", "service", false), number);
    LocalDate day = LocalDate.now(CENTRE).plusDays(3);
    mvc.perform(post("/staff/tickets/" + number + "/visits").with(csrf()).with(user("wang").roles("STAFF"))
            .param("date", day.toString()).param("from", "14:00").param("until", "16:00").param("assignee", "wang"))
        .andExpect(status().is3xxRedirection());
    HomeVisits.HomeVisit visit = visits.open(Actor.SYSTEM).stream()
        .filter(v -> v.ticket().equals(number)).findFirst().orElseThrow();
    assertThat(visit.from()).isEqualTo(day.atTime(14, 0).atZone(CENTRE).toInstant());

    mvc.perform(post("/staff/visits/" + visit.id() + "/cancel").with(csrf()).with(user("wang").roles("STAFF")))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/api/staff/home-visits/" + visit.id() + "/done").with(as("wang")))
        .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("cancelled"));

    assertThat(visits.open(Actor.SYSTEM)).extracting(HomeVisits.HomeVisit::ticket).doesNotContain(number);
    assertThat(handoff.history(Actor.SYSTEM, number)).extracting(HistoryEntry::type)
        .contains("home_visit_scheduled", "home_visit_cancelled").doesNotContain("home_visit_done");
  }

  @Test
  void twoPeopleMarkingTheSameVisitMadeAtOnceLeaveOneEntryInTheHistory() throws Exception {
    String number = order("13700007012", true, "幸福小区6号楼202");
    Actor wang = new Actor("wang", "王师傅", "service", false);
    Actor zhao = new Actor("zhao", "赵主任", null, true);
    handoff.claim(wang, number);
    mvc.perform(post("/api/staff/tickets/" + number + "/home-visits").with(as("wang"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body(LocalDate.now(CENTRE).plusDays(1), "09:00", "10:00", "wang", null)))
        .andExpect(status().isCreated());
    long id = visits.forOrder(zhao, number).getFirst().id();

    var start = new java.util.concurrent.CountDownLatch(1);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var a = pool.submit(() -> { start.await(); return visits.finish(wang, id, true); });
      var b = pool.submit(() -> { start.await(); return visits.finish(zhao, id, true); });
      start.countDown();
      assertThat(a.get().status()).isEqualTo("done");
      assertThat(b.get().status()).isEqualTo("done");
    }
    assertThat(handoff.history(Actor.SYSTEM, number)).extracting(HistoryEntry::type)
        .filteredOn("home_visit_done"::equals).hasSize(1);
  }

  private void expectInvalid(String number, String json, String code) throws Exception {
    mvc.perform(post("/api/staff/tickets/" + number + "/home-visits").with(as("wang"))
            .contentType(MediaType.APPLICATION_JSON).content(json))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value(code));
  }

  private int visitsOf(String number) {
    return jdbc.sql("select count(*) from home_visit v join work_order o on o.id = v.work_order_id where o.number = ?")
        .param(number).query(Integer.class).single();
  }
}
