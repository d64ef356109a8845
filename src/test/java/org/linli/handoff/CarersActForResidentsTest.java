package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.care.CareService;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnOutcome;
import org.linli.outbox.OutboxDispatcher;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A family member or carer recorded with the resident's consent acts for the resident on SMS:
 * says once whom they act for, files orders in the resident's name, checks their status, and
 * hears about them; the resident hears too; after revocation the carer is a stranger again.
 */
// the same configuration as OutboxDeliveryTest, so that both share one Spring context
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"linli.outbox.first-retry=PT0S", "linli.outbox.max-attempts=3"})
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class CarersActForResidentsTest {

  static final Actor WANG = new Actor("wang", "王师傅", "service", false);

  @Autowired ConversationPort conversations;
  @Autowired HandoffService handoff;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired HandoffTestSupport.RecordingSender sms;
  @Autowired ResidentDirectory residents;
  @Autowired CareService care;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void drain() {
    dispatcher.dispatchDue();
    sms.sent.clear();
    sms.attempts.clear();
    sms.failures = 0;
  }

  private TurnOutcome text(String phone, String text) {
    return conversations.handle(new InboundMessage(
        Channel.SMS, null, phone, "sms-" + System.nanoTime(), text, null, Instant.now()));
  }

  private static String said(TurnOutcome outcome) {
    return String.join("\n", outcome.replies().stream().map(Reply::text).toList());
  }

  private List<String> smsTo(String phone) {
    return sms.sent.stream().filter(m -> m.recipient().equals(phone)).map(m -> m.text()).toList();
  }

  private String resident(String phone) {
    return residents.residentFor(IdentityKind.PHONE, phone);
  }

  @Test
  void aCarerIsRecordedByPhoneAndWeChatWithTheRelationConsentAndWhoRecordedIt() {
    String mother = resident("13600001111");

    List<CareService.Proxy> made =
        care.addCarer("admin", mother, "+86 139 0000 1111", "oCarer0000000001", "侄女", true);

    assertThat(made).singleElement().satisfies(p -> {
      assertThat(p.relation()).isEqualTo("侄女");
      assertThat(p.recordedBy()).isEqualTo("admin");
      assertThat(p.consentAt()).isNotNull();
      assertThat(p.phone()).isEqualTo("139****1111");
      assertThat(p.wechat()).isNotNull().doesNotContain("oCarer0000000001");
    });
    // the carer is recognised by either contact, stored only encrypted and hashed
    assertThat(residents.find(IdentityKind.WECHAT_OPENID, "oCarer0000000001"))
        .contains(made.get(0).proxyResidentId());
    assertThat(residents.find(IdentityKind.PHONE, "13900001111")).contains(made.get(0).proxyResidentId());
    assertThat(jdbc.sql("select count(*) from resident_identity where address_enc like '%13900001111%'"
        + " or address_hash like '%13900001111%'").query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from audit_event where action = 'care.proxy_added' and subject = ?")
        .param("resident:" + mother).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void badCarerRecordsAreRefusedAndNothingIsWritten() {
    String mother = resident("13600002222");
    int before = jdbc.sql("select count(*) from resident_proxy").query(Integer.class).single();

    assertThatThrownBy(() -> care.addCarer("admin", mother, "13900002222", null, "child", false))
        .hasMessageContaining("consent");
    assertThatThrownBy(() -> care.addCarer("admin", mother, null, null, "child", true))
        .hasMessageContaining("phone number or a WeChat openid");
    assertThatThrownBy(() -> care.addCarer("admin", mother, "call me", null, "child", true))
        .hasMessageContaining("phone");
    assertThatThrownBy(() -> care.addCarer("admin", mother, "13900002222", null, "x".repeat(33), true))
        .hasMessageContaining("relation");
    assertThatThrownBy(() -> care.addCarer("admin", mother, "13600002222", null, "child", true))
        .hasMessageContaining("own carer");
    assertThatThrownBy(() -> care.addCarer("admin", "no-such-resident", "13900002222", null, "child", true))
        .hasMessageContaining("no resident");

    assertThat(jdbc.sql("select count(*) from resident_proxy").query(Integer.class).single()).isEqualTo(before);

    CareService.Proxy proxy = care.addCarer("admin", mother, "13900002222", null, "child", true).get(0);
    assertThatThrownBy(() -> care.addCarer("admin", mother, "13900002222", null, "spouse", true))
        .hasMessageContaining("already recorded");
    CareService.Proxy revoked = care.revokeProxy("supervisor1", proxy.id());
    assertThat(revoked.revokedBy()).isEqualTo("supervisor1");
    assertThat(revoked.revokedAt()).isNotNull();
    assertThatThrownBy(() -> care.revokeProxy("admin", proxy.id())).hasMessageContaining("still in force");
  }

  @Test
  void aCarerIsAskedOnceAndTheirReportBecomesTheResidentsOrderThatBothHearAbout() {
    String mother = resident("13600003333");
    CareService.Proxy daughter = care.addCarer("admin", mother, "13900003333", null, "child", true).get(0);

    TurnOutcome question = text("13900003333", "家里人工");
    assertThat(said(question)).contains("尾号 3333").contains("子女").contains("回复 1");
    assertThat(question.handoff()).isNull();

    TurnOutcome yes = text("13900003333", "1");
    assertThat(said(yes)).contains("替 尾号 3333");
    String number = yes.handoff().ticketId();
    WorkOrder order = handoff.byNumber(number).orElseThrow();
    assertThat(order.residentId()).isEqualTo(mother);
    assertThat(order.summary()).contains("家里人工");
    assertThat(handoff.history(Actor.SYSTEM, number))
        .anySatisfy(h -> {
          assertThat(h.type()).isEqualTo("reported_by_carer");
          assertThat(h.detail()).contains("proxy=" + daughter.id()).contains("relation=child");
        });
    assertThat(handoff.reportedByProxy(number)).contains(daughter.id());

    // the resident is told the order was opened for them; the carer read it in the reply
    dispatcher.dispatchDue();
    assertThat(smsTo("13600003333")).singleElement().asString().contains(number).contains("代办人已替您");

    handoff.claim(WANG, number);
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();
    assertThat(smsTo("13900003333")).filteredOn(t -> t.contains("王师傅")).hasSize(1);
    assertThat(smsTo("13600003333")).filteredOn(t -> t.contains("王师傅")).hasSize(1);
    assertThat(sms.sent).extracting(m -> m.idempotencyKey()).doesNotHaveDuplicates();

    handoff.resolve(WANG, number, "电梯已修好");
    dispatcher.dispatchDue();
    assertThat(smsTo("13600003333")).anySatisfy(t -> assertThat(t).contains("电梯已修好"));
    assertThat(smsTo("13900003333")).anySatisfy(t -> assertThat(t).contains("电梯已修好"));

    // the resident answers the rating question on their own phone
    text("13600003333", "5");
    assertThat(handoff.byNumber(number).orElseThrow().rating()).isEqualTo(5);

    // the carer can check the resident's orders without the number
    assertThat(said(text("13900003333", "查"))).contains(number);
  }

  @Test
  void aCarerForSeveralResidentsPicksOneOrThemselves() {
    String father = resident("13600004444");
    String aunt = resident("13600005555");
    care.addCarer("admin", father, "13900004444", null, "child", true);
    care.addCarer("admin", aunt, "13900004444", null, "侄子", true);

    assertThat(said(text("13900004444", "人工"))).contains("尾号 4444").contains("尾号 5555")
        .contains("侄子").contains("回复 0");
    String number = text("13900004444", "2").handoff().ticketId();

    assertThat(handoff.byNumber(number).orElseThrow().residentId()).isEqualTo(aunt);
  }

  @Test
  void aCarerSwitchesToAnotherResidentWithinTheConversationAndIsAskedAgain() {
    String uncle = resident("13600004811");
    String aunt = resident("13600004822");
    care.addCarer("admin", uncle, "13900004800", null, "侄子", true);
    CareService.Proxy forAunt = care.addCarer("admin", aunt, "13900004800", null, "侄子", true).get(0);
    text("13900004800", "你好");
    assertThat(said(text("13900004800", "1"))).contains("尾号 4811");

    TurnOutcome again = text("13900004800", "换一位");
    assertThat(said(again)).contains("尾号 4811").contains("尾号 4822").contains("回复 0");
    TurnOutcome chosen = text("13900004800", "2");
    assertThat(said(chosen)).contains("这次替").contains("尾号 4822");
    assertThat(chosen.handoff()).as("choosing answers nothing else").isNull();

    String number = text("13900004800", "人工").handoff().ticketId();
    assertThat(handoff.byNumber(number).orElseThrow().residentId()).isEqualTo(aunt);
    assertThat(handoff.reportedByProxy(number)).contains(forAunt.id());
  }

  @Test
  void aCarerActingForAResidentSaysItIsNowForThemselves() {
    String mother = resident("13600004833");
    care.addCarer("admin", mother, "13900004833", null, "child", true);
    String carer = resident("13900004833");
    text("13900004833", "你好");
    text("13900004833", "1");

    assertThat(said(text("13900004833", "为自己"))).contains("为您自己办理");
    // asked again (in English too), the carer stays with themselves
    assertThat(said(text("13900004833", "Switch!"))).contains("尾号 4833");
    assertThat(said(text("13900004833", "2"))).contains("为您自己办理");

    String own = text("13900004833", "人工").handoff().ticketId();
    assertThat(handoff.byNumber(own).orElseThrow().residentId()).isEqualTo(carer);
    assertThat(handoff.reportedByProxy(own)).isEmpty();
  }

  @Test
  void afterSwitchingToThemselvesACarerGetsTheirOwnOrderNotTheResidentsOpenOne() {
    String mother = resident("13600004844");
    care.addCarer("admin", mother, "13900004844", null, "child", true);
    String carer = resident("13900004844");
    text("13900004844", "你好");
    text("13900004844", "1");
    String mothers = text("13900004844", "人工").handoff().ticketId();
    handoff.claim(WANG, mothers);
    handoff.release(WANG, mothers);

    text("13900004844", "换一位");
    text("13900004844", "2");
    String own = text("13900004844", "人工").handoff().ticketId();

    assertThat(own).isNotEqualTo(mothers);
    assertThat(handoff.byNumber(own).orElseThrow().residentId()).isEqualTo(carer);
    assertThat(handoff.byNumber(mothers).orElseThrow().residentId()).isEqualTo(mother);
  }

  @Test
  void aCarerWhoSaysItIsForThemselvesFilesTheirOwnOrder() {
    String mother = resident("13600006666");
    care.addCarer("admin", mother, "13900006666", null, "spouse", true);
    String carer = resident("13900006666");

    text("13900006666", "人工");
    TurnOutcome self = text("13900006666", "不是");

    assertThat(said(self)).contains("为您自己办理");
    assertThat(handoff.byNumber(self.handoff().ticketId()).orElseThrow().residentId()).isEqualTo(carer);
    assertThat(handoff.reportedByProxy(self.handoff().ticketId())).isEmpty();
  }

  @Test
  void aCarerRecordedWhileTheirConversationIsOpenIsAskedAtTheirNextMessage() {
    String mother = resident("13600001212");
    TurnOutcome before = text("13900001212", "你好");
    assertThat(said(before)).doesNotContain("尾号 1212");

    care.addCarer("admin", mother, "13900001212", null, "child", true);
    TurnOutcome question = text("13900001212", "人工");

    assertThat(question.conversationId()).isEqualTo(before.conversationId());
    assertThat(said(question)).contains("尾号 1212").contains("回复 1");
    assertThat(question.handoff()).isNull();
  }

  @Test
  void afterRevocationTheCarerNoLongerActsOrHearsAnything() {
    String mother = resident("13600007777");
    CareService.Proxy son = care.addCarer("admin", mother, "13900007777", null, "child", true).get(0);
    text("13900007777", "你好");
    text("13900007777", "1");
    String residentsOrder = text("13600007777", "人工").handoff().ticketId();

    care.revokeProxy("admin", son.id());
    sms.sent.clear();

    handoff.claim(WANG, residentsOrder);
    dispatcher.dispatchDue();
    assertThat(smsTo("13900007777")).isEmpty();
    assertThat(smsTo("13600007777")).isNotEmpty();

    // the same conversation continues, now only for himself
    String own = text("13900007777", "人工").handoff().ticketId();
    assertThat(handoff.byNumber(own).orElseThrow().residentId()).isEqualTo(resident("13900007777"));
    assertThat(handoff.reportedByProxy(own)).isEmpty();
  }

  @Test
  void aCarerKnownByWeChatActsForTheResidentThereAndTheResidentIsToldBySms() {
    String grandfather = resident("13600009999");
    care.addCarer("admin", grandfather, null, "oGrandson00000001", "孙子", true);

    TurnOutcome question = conversations.handle(new InboundMessage(
        Channel.WECHAT, null, "oGrandson00000001", "wx-" + System.nanoTime(), "人工", null, Instant.now()));
    assertThat(said(question)).contains("尾号 9999").contains("孙子");
    TurnOutcome yes = conversations.handle(new InboundMessage(
        Channel.WECHAT, null, "oGrandson00000001", "wx-" + System.nanoTime(), "是的", null, Instant.now()));

    String number = yes.handoff().ticketId();
    assertThat(handoff.byNumber(number).orElseThrow().residentId()).isEqualTo(grandfather);
    dispatcher.dispatchDue();
    assertThat(smsTo("13600009999")).singleElement().asString().contains(number);
  }

  @Test
  void aResidentWithoutCarerRecordsIsNeverAskedWhomTheyActFor() {
    TurnOutcome outcome = text("13600008888", "人工");
    assertThat(said(outcome)).doesNotContain("代办");
    assertThat(outcome.handoff()).isNotNull();
  }
}
