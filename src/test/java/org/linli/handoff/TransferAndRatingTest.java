package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** Transfers keep one accountable owner; a low rating reopens the order for a supervisor. */
// the same configuration as OutboxDeliveryTest, so that both share one Spring context
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"linli.outbox.first-retry=PT0S", "linli.outbox.max-attempts=3"})
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class TransferAndRatingTest {

  static final Actor WANG = new Actor("wang", "王师傅", "service", false);
  static final Actor LI = new Actor("li", "李师傅", "property", false);
  static final Actor ZHAO = new Actor("zhao", "赵主任", null, true);

  @Autowired HandoffService handoff;

  private WorkOrder open() {
    return handoff.open(new HandoffService.OpenRequest(
        "request_human", 2, "楼上漏水到我家", null, null, null, "web", null, "resident"));
  }

  @Test
  void theOriginalOwnerStaysAccountableUntilTheReceivingDepartmentAccepts() {
    WorkOrder order = open();
    handoff.claim(WANG, order.number());

    WorkOrder pending = handoff.transfer(WANG, order.number(), "property", "是楼上管道的问题，归物业");
    assertThat(pending.owner()).isEqualTo("wang");
    assertThat(pending.department()).isEqualTo("service");
    assertThat(pending.transferTo()).isEqualTo("property");
    assertThat(handoff.get(LI, order.number()).number()).isEqualTo(order.number());

    WorkOrder accepted = handoff.claim(LI, order.number());
    assertThat(accepted.owner()).isEqualTo("li");
    assertThat(accepted.department()).isEqualTo("property");
    assertThat(accepted.transferTo()).isNull();
    assertThat(handoff.history(ZHAO, order.number()))
        .extracting(HistoryEntry::type)
        .containsSubsequence("claimed", "transferred", "transfer_accepted");
    assertThat(handoff.history(ZHAO, order.number()).stream()
        .filter(h -> h.type().equals("transferred")).findFirst().orElseThrow().detail())
        .contains("归物业");
  }

  @Test
  void aTransferWithoutAReasonIsRefused() {
    WorkOrder order = open();
    handoff.claim(WANG, order.number());

    assertThatThrownBy(() -> handoff.transfer(WANG, order.number(), "property", " "))
        .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.code()).isEqualTo("error.transfer.reason"));
  }

  @Test
  void onlyTheOwnerOrASupervisorRepliesAndResolves() {
    WorkOrder order = open();
    handoff.claim(WANG, order.number());
    Actor colleague = new Actor("sun", "孙", "service", false);

    assertThatThrownBy(() -> handoff.reply(colleague, order.number(), "hi"))
        .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.kind()).isEqualTo(HandoffException.Kind.FORBIDDEN));
    assertThat(handoff.resolve(ZHAO, order.number(), "已处理").status()).isEqualTo(TicketStatus.RESOLVED);
  }

  @Test
  void aLowRatingReopensTheOrderForASupervisor() {
    WorkOrder order = open();
    handoff.claim(WANG, order.number());
    handoff.resolve(WANG, order.number(), "已联系物业");

    HandoffService.Rating rating = handoff.rate(order.number(), 2, "没人来");

    assertThat(rating.reopened()).isTrue();
    WorkOrder reopened = handoff.get(ZHAO, order.number());
    assertThat(reopened.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(reopened.supervisorReview()).isTrue();
    assertThat(reopened.owner()).isEqualTo("wang");
    assertThat(reopened.rating()).isEqualTo(2);
    assertThat(handoff.history(ZHAO, order.number())).extracting(HistoryEntry::type).endsWith("rated", "reopened");
  }

  @Test
  void aGoodRatingClosesTheOrder() {
    WorkOrder order = open();
    handoff.claim(WANG, order.number());
    handoff.resolve(WANG, order.number(), "已修好");

    handoff.rate(order.number(), 4, null);

    assertThat(handoff.get(ZHAO, order.number()).status()).isEqualTo(TicketStatus.CLOSED);
  }

  @Autowired org.linli.resident.ResidentDirectory residents;
  @Autowired org.linli.care.CareService care;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void anExtraHelpNoteIsStoredOnlyEncryptedAndReadBackWhole() {
    String resident = residents.residentFor(org.linli.resident.IdentityKind.PHONE, "138 0001 " + (1000 + (int) (Math.random() * 8999)));
    care.recordSupport("admin", resident, "aged_80_plus", true, "独居，心脏不好，敲门要大声");

    var stored = jdbc.sql("select note, note_enc from resident_support where resident_id = ?").param(resident)
        .query().singleRow();
    assertThat(stored.get("note")).isNull();
    assertThat((String) stored.get("note_enc")).isNotBlank().doesNotContain("心脏");
    assertThat(care.support(resident)).hasValueSatisfying(s -> assertThat(s.note()).isEqualTo("独居，心脏不好，敲门要大声"));
    // a note written before V131 is read as it is, then sealed
    jdbc.sql("update resident_support set note = ?, note_enc = null where resident_id = ?")
        .params("独居", resident).update();
    assertThat(care.support(resident)).hasValueSatisfying(s -> assertThat(s.note()).isEqualTo("独居"));
    assertThat(care.encryptLegacyNotes()).isEqualTo(1);
    assertThat(care.support(resident)).hasValueSatisfying(s -> assertThat(s.note()).isEqualTo("独居"));
    assertThat(jdbc.sql("select note from resident_support where resident_id = ?").param(resident)
        .query().singleRow().get("note")).isNull();
  }

  @Test
  void residentsWhoNeedExtraHelpGetAHigherPriorityOnlyWhileTheirConsentStands() {
    String resident = residents.residentFor(org.linli.resident.IdentityKind.PHONE, "138 0000 " + (1000 + (int) (Math.random() * 8999)));
    care.recordSupport("admin", resident, "aged_80_plus,living_alone", true, null);

    WorkOrder helped = handoff.open(new HandoffService.OpenRequest(
        "lift", 2, "电梯坏了", null, null, resident, "sms", null, "resident"));
    care.withdrawSupport("admin", resident);
    WorkOrder after = handoff.open(new HandoffService.OpenRequest(
        "lift", 2, "电梯又坏了", null, null, resident, "sms", null, "resident"));

    assertThat(helped.priority()).isEqualTo(1);
    assertThat(after.priority()).isEqualTo(2);
    assertThatThrownBy(() -> care.recordSupport("admin", resident, "visually_impaired", false, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
