package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.outbox.Outbox;
import org.linli.outbox.OutboxDispatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Staff replies and case notices reach SMS residents through the outbox: exactly once per
 * message, retried when the provider fails, and shown to staff when it keeps failing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"linli.outbox.first-retry=PT0S", "linli.outbox.max-attempts=3"})
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class OutboxDeliveryTest {

  static final Actor WANG = new Actor("wang", "王师傅", "service", false);

  @Autowired ConversationPort conversations;
  @Autowired HandoffService handoff;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired org.linli.privacy.PersonalData personalData;
  @Autowired Outbox outbox;
  @Autowired HandoffTestSupport.RecordingSender sms;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void drain() {
    dispatcher.dispatchDue();
    sms.sent.clear();
    sms.attempts.clear();
    sms.failures = 0;
  }

  private String smsResidentAsksForAPerson(String phone) {
    var outcome = conversations.handle(new InboundMessage(
        Channel.SMS, null, phone, "sms-" + System.nanoTime(), "人工", null, Instant.now()));
    return outcome.handoff().ticketId();
  }

  @Test
  void aStaffReplyReachesAnSmsResidentExactlyOnce() {
    String number = smsResidentAsksForAPerson("13700001111");
    handoff.claim(WANG, number);
    handoff.reply(WANG, number, "您好，我是王师傅");

    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    assertThat(sms.sent).filteredOn(m -> m.text().equals("您好，我是王师傅")).hasSize(1);
    assertThat(sms.sent).extracting(m -> m.idempotencyKey()).doesNotHaveDuplicates();
    // the reply waits and stays in the outbox encrypted, its recipient too
    var stored = jdbc.sql("select text, text_enc, recipient_enc from outbox where channel = 'sms'")
        .query().listOfRows().stream()
        .filter(row -> row.get("text_enc") != null)
        .filter(row -> personalData.decrypt((String) row.get("text_enc")).equals("您好，我是王师傅"))
        .toList();
    assertThat(stored).hasSize(1).allSatisfy(row -> {
      assertThat(row.get("text")).isNull();
      assertThat((String) row.get("text_enc")).doesNotContain("王师傅");
      assertThat((String) row.get("recipient_enc")).isNotNull().doesNotContain("13700001111");
    });
  }

  @Test
  void aMessageQueuedInClearBeforeEncryptionIsSealedOnceAndStillDelivered() {
    String key = "legacy-" + System.nanoTime();
    outbox.enqueue(key, Channel.SMS, "13700003333", null, null, "您的工单已处理，幸福小区3栋");
    // as a row queued before V131 looks
    jdbc.sql("update outbox set text = ?, text_enc = null where idempotency_key = ?")
        .params("您的工单已处理，幸福小区3栋", key).update();

    assertThat(outbox.encryptLegacyRows()).isEqualTo(1);
    assertThat(outbox.encryptLegacyRows()).isZero();
    var row = jdbc.sql("select text, text_enc from outbox where idempotency_key = ?").param(key).query().singleRow();
    assertThat(row.get("text")).isNull();
    assertThat((String) row.get("text_enc")).doesNotContain("幸福小区");

    dispatcher.dispatchDue();
    assertThat(sms.sent).filteredOn(m -> m.idempotencyKey().equals(key))
        .extracting(m -> m.text()).containsExactly("您的工单已处理，幸福小区3栋");
  }

  @Test
  void aFailedDeliveryIsRetriedWithTheSameKeyAndThenSucceeds() {
    String number = smsResidentAsksForAPerson("13700002222");
    sms.failures = 1;
    handoff.claim(WANG, number);

    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    assertThat(sms.attempts).hasSize(2);
    assertThat(sms.attempts.get(0)).isEqualTo(sms.attempts.get(1));
    assertThat(sms.sent).hasSize(1);
    assertThat(sms.sent.get(0).text()).contains(number);
  }

  @Test
  void aDeliveryThatKeepsFailingIsShownToStaff() {
    String number = smsResidentAsksForAPerson("13700003333");
    sms.failures = 100;
    handoff.claim(WANG, number);

    for (int i = 0; i < 5; i++) {
      dispatcher.dispatchDue();
    }

    assertThat(sms.attempts).hasSize(3);
    assertThat(outbox.failed()).anySatisfy(f -> {
      assertThat(f.text()).contains(number);
      assertThat(f.error()).contains("provider unavailable");
    });
    assertThat(handoff.history(Actor.SYSTEM, number)).extracting(HistoryEntry::type).contains("callback_task");
  }

  @Test
  void aLandlineCallerCannotTakeAnSmsSoStaffGetACallbackTask() {
    var outcome = conversations.handle(new InboundMessage(
        Channel.VOICE, null, "021-5555-1234", "call-" + System.nanoTime(), "人工", null, Instant.now()));
    String number = outcome.handoff().ticketId();

    handoff.claim(WANG, number);
    dispatcher.dispatchDue();

    assertThat(sms.attempts).isEmpty();
    assertThat(handoff.history(Actor.SYSTEM, number))
        .filteredOn(h -> h.type().equals("callback_task") && h.detail().startsWith("landline"))
        .singleElement()
        .satisfies(h -> assertThat(h.detail()).contains("王师傅"));
  }

  @Autowired org.linli.resident.ResidentDirectory residents;
  @Autowired org.linli.care.CareService care;

  @Test
  void anSmsResidentIsToldOnceWhenTheirOrderRunsPastItsDeadline() {
    String number = smsResidentAsksForAPerson("13700005555");
    jdbc.sql("update work_order set due_at = ? where number = ?")
        .params(java.time.OffsetDateTime.now().minusHours(1), number).update();

    handoff.notifyOverdue();
    handoff.notifyOverdue();
    dispatcher.dispatchDue();

    assertThat(sms.sent).filteredOn(m -> m.text().contains(number) && m.text().contains("超过")).hasSize(1);
  }

  @Test
  void aCarerActingForTheResidentGetsTheSameNotices() {
    String number = smsResidentAsksForAPerson("13700006666");
    String resident = residents.find(org.linli.resident.IdentityKind.PHONE, "13700006666").orElseThrow();
    String daughter = residents.residentFor(org.linli.resident.IdentityKind.PHONE, "13900006666");
    var proxy = care.addProxy("admin", resident, daughter, "child", true);

    handoff.claim(WANG, number);
    dispatcher.dispatchDue();
    assertThat(sms.sent).extracting(m -> m.recipient()).contains("13700006666", "13900006666");

    care.revokeProxy("admin", proxy.id());
    sms.sent.clear();
    handoff.reply(WANG, number, "明天上午来修");
    dispatcher.dispatchDue();
    assertThat(sms.sent).extracting(m -> m.recipient()).containsExactly("13700006666");
  }

  @Test
  void queuingTheSameMessageTwiceStoresItOnce() {
    outbox.enqueue("same-key", Channel.SMS, "13700004444", null, null, "提醒");
    outbox.enqueue("same-key", Channel.SMS, "13700004444", null, null, "提醒");

    assertThat(jdbc.sql("select count(*) from outbox where idempotency_key = 'same-key'")
        .query(Integer.class).single()).isEqualTo(1);
  }
}
