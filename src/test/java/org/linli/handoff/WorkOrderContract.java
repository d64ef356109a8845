package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What staff and residents rely on from work order storage, on each supported database: short
 * unique numbers, routing and deadlines, an append-only history, one owner even when two people
 * claim at the same moment, and alerts that fire once.
 */
@TestPropertySource(properties = "linli.handoff.unclaimed-alert-after=PT0S")
abstract class WorkOrderContract {

  static final Actor WANG = new Actor("wang", "王师傅", "service", false);
  static final Actor SUN = new Actor("sun", "孙师傅", "service", false);
  static final Actor ZHAO = new Actor("zhao", "赵主任", null, true);

  @Autowired HandoffService handoff;
  @Autowired JdbcClient jdbc;
  @Autowired WorkOrderStore store;
  @Autowired javax.sql.DataSource dataSource;

  private java.util.Map<String, Object> raw(String number) {
    return jdbc.sql("select summary, location, summary_enc, location_enc from work_order where number = ?")
        .param(number)
        .query()
        .singleRow();
  }

  @Test
  void theSummaryAndThePlaceAreStoredEncryptedYetStaffReadAndFindThem() {
    WorkOrder o = handoff.open(new HandoffService.OpenRequest(
        "street_light", 2, "路灯坏了，晚上很黑", "幸福小区3号楼", null, null, "web", null, "resident"));

    var row = raw(o.number());
    assertThat(row.get("summary")).isNull();
    assertThat(row.get("location")).isNull();
    assertThat((String) row.get("summary_enc")).isNotBlank().doesNotContain("路灯");
    assertThat((String) row.get("location_enc")).isNotBlank().doesNotContain("幸福小区");
    WorkOrder read = handoff.get(ZHAO, o.number());
    assertThat(read.summary()).isEqualTo("路灯坏了，晚上很黑");
    assertThat(read.location()).isEqualTo("幸福小区3号楼");
    assertThat(handoff.search(ZHAO, null, "晚上很黑")).extracting(WorkOrder::number).contains(o.number());
  }

  @Test
  void anOrderStoredInClearBeforeEncryptionIsReadAndThenEncrypted() {
    WorkOrder o = handoff.open(new HandoffService.OpenRequest(
        "road", 2, "人行道塌了一块", "建设路12号", null, null, "web", null, "resident"));
    // as an order written before V92 looks
    jdbc.sql("update work_order set summary = ?, location = ?, summary_enc = null, location_enc = null"
            + " where number = ?")
        .params("人行道塌了一块", "建设路12号", o.number())
        .update();
    assertThat(handoff.get(ZHAO, o.number()).location()).isEqualTo("建设路12号");

    assertThat(store.encryptLegacyRows()).isGreaterThanOrEqualTo(1);

    var row = raw(o.number());
    assertThat(row.get("summary")).isNull();
    assertThat(row.get("location")).isNull();
    assertThat((String) row.get("location_enc")).doesNotContain("建设路");
    WorkOrder read = handoff.get(ZHAO, o.number());
    assertThat(read.summary()).isEqualTo("人行道塌了一块");
    assertThat(read.location()).isEqualTo("建设路12号");
  }

  /** Every text column of the order and its history, read through plain JDBC. */
  private List<String> rawTexts(WorkOrder order) throws java.sql.SQLException {
    List<String> values = new ArrayList<>();
    try (var c = dataSource.getConnection();
        var orderRow = c.prepareStatement(
            "select transfer_reason, resolution, rating_comment, transfer_reason_enc, resolution_enc,"
                + " rating_comment_enc from work_order where id = ?");
        var events = c.prepareStatement(
            "select detail, detail_enc from work_order_event where work_order_id = ?")) {
      for (var ps : List.of(orderRow, events)) {
        ps.setLong(1, order.id());
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              values.add(rs.getString(i));
            }
          }
        }
      }
    }
    return values;
  }

  @Test
  void notesRepliesResolutionsAndCommentsAreStoredEncryptedYetReadInFull() throws Exception {
    WorkOrder order = open("request_human", 2);
    handoff.claim(WANG, order.number());
    handoff.note(WANG, order.number(), "张大爷住幸福小区3栋502，有心脏病");
    handoff.reply(WANG, order.number(), "明天上午到幸福小区上门");
    handoff.transfer(WANG, order.number(), "property", "幸福小区物业负责");
    assertThat(rawTexts(order)).noneMatch(v -> v != null && v.contains("幸福小区"));
    assertThat(handoff.get(ZHAO, order.number()).transferReason()).isEqualTo("幸福小区物业负责");

    Actor property = new Actor("li", "李师傅", "property", false);
    handoff.claim(property, order.number());
    handoff.resolve(property, order.number(), "已上门给幸福小区张大爷送药");
    handoff.rate(order.number(), 5, "幸福小区的师傅很耐心");

    assertThat(rawTexts(order)).noneMatch(v -> v != null && (v.contains("幸福小区") || v.contains("心脏病")));
    WorkOrder read = handoff.get(ZHAO, order.number());
    assertThat(read.resolution()).isEqualTo("已上门给幸福小区张大爷送药");
    assertThat(read.ratingComment()).isEqualTo("幸福小区的师傅很耐心");
    assertThat(handoff.history(ZHAO, order.number()))
        .extracting(HistoryEntry::detail)
        .contains("张大爷住幸福小区3栋502，有心脏病", "已上门给幸福小区张大爷送药");
  }

  @Test
  void historyAndTextsStoredInClearBeforeAreReadAndThenEncryptedOnce() throws Exception {
    WorkOrder order = open("request_human", 2);
    handoff.claim(WANG, order.number());
    handoff.note(WANG, order.number(), "旧备注：建设路12号");
    handoff.resolve(WANG, order.number(), "旧结果：建设路已修");
    // as rows written before V131 look
    jdbc.sql("update work_order_event set detail = ?, detail_enc = null where work_order_id = ? and type = 'note'")
        .params("旧备注：建设路12号", order.id()).update();
    jdbc.sql("update work_order set resolution = ?, resolution_enc = null where id = ?")
        .params("旧结果：建设路已修", order.id()).update();
    assertThat(handoff.history(ZHAO, order.number())).extracting(HistoryEntry::detail).contains("旧备注：建设路12号");
    assertThat(handoff.get(ZHAO, order.number()).resolution()).isEqualTo("旧结果：建设路已修");

    // two nodes starting at once: each row is sealed once
    var pool = Executors.newFixedThreadPool(2);
    try {
      var start = new CountDownLatch(1);
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          start.await();
          return store.encryptLegacyEvents() + store.encryptLegacyOrderTexts();
        }));
      }
      start.countDown();
      int total = 0;
      for (var run : runs) {
        total += run.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }

    assertThat(rawTexts(order)).noneMatch(v -> v != null && v.contains("建设路"));
    assertThat(handoff.history(ZHAO, order.number())).extracting(HistoryEntry::detail).contains("旧备注：建设路12号");
    assertThat(handoff.get(ZHAO, order.number()).resolution()).isEqualTo("旧结果：建设路已修");
  }

  private WorkOrder open(String category, int priority) {
    return handoff.open(new HandoffService.OpenRequest(
        category, priority, "测试 " + category, "5号楼", null, null, "web", null, "resident"));
  }

  @Test
  void everyOrderGetsItsOwnSixDigitNumber() {
    Set<String> numbers = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      numbers.add(open("other", 2).number());
    }
    assertThat(numbers).hasSize(40).allMatch(n -> n.matches("[1-9]\\d{5}"));
    assertThat(jdbc.sql("select count(*) from ticket_number").query(Integer.class).single())
        .isGreaterThanOrEqualTo(40);
  }

  @Test
  void anOrderGoesToTheDepartmentOwningItsCategoryWithItsDeadline() {
    WorkOrder lift = open("lift", 2);
    WorkOrder gas = open("gas", 0);
    WorkOrder unknown = open("something_new", 2);

    assertThat(lift.department()).isEqualTo("property");
    assertThat(Duration.between(lift.createdAt(), lift.dueAt())).isEqualTo(Duration.ofHours(24));
    assertThat(gas.department()).isEqualTo("utilities");
    assertThat(Duration.between(gas.createdAt(), gas.dueAt())).isEqualTo(Duration.ofHours(2));
    assertThat(unknown.department()).isEqualTo("service");
    assertThat(unknown.category()).isEqualTo("something_new");
  }

  @Test
  void theHistoryKeepsEveryStepInOrderWithItsActor() {
    WorkOrder order = open("request_human", 2);
    handoff.claim(WANG, order.number());
    handoff.note(WANG, order.number(), "已电话联系");
    handoff.reply(WANG, order.number(), "明天上午来修");
    handoff.resolve(WANG, order.number(), "已修好");

    List<HistoryEntry> history = handoff.history(ZHAO, order.number());
    assertThat(history).extracting(HistoryEntry::type)
        .containsExactly("opened", "claimed", "note", "message", "resolved");
    assertThat(history).extracting(HistoryEntry::actor)
        .containsExactly("resident", "wang", "wang", "wang", "wang");
    assertThat(history).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(handoff.get(ZHAO, order.number()).status()).isEqualTo(TicketStatus.RESOLVED);
  }

  @Test
  void twoPeopleClaimingAtTheSameMomentLeaveExactlyOneOwner() throws Exception {
    WorkOrder order = open("request_human", 2);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Actor actor : List.of(WANG, SUN)) {
        Callable<Boolean> claim = () -> {
          start.await();
          try {
            return handoff.claim(actor, order.number()).owner().equals(actor.username());
          } catch (HandoffException e) {
            return false;
          }
        };
        results.add(pool.submit(claim));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> r : results) {
        winners += r.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(handoff.history(ZHAO, order.number())).filteredOn(h -> h.type().equals("claimed")).hasSize(1);
  }

  @Test
  void supervisorsAreAlertedOnceAboutAnUnclaimedOrder() {
    WorkOrder order = open("noise", 2);

    handoff.alertUnclaimed();
    handoff.alertUnclaimed();

    assertThat(handoff.history(ZHAO, order.number()))
        .filteredOn(h -> h.type().equals("unclaimed_alert")).hasSize(1);
  }
}
