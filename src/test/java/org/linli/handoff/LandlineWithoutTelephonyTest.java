package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.outbox.OutboxDispatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Without outbound calls configured (no Twilio here), the closing question to a landline resident
 * becomes a callback task for staff with the resolution to tell them, and nothing is queued to call.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class LandlineWithoutTelephonyTest {

  @Autowired ConversationPort conversations;
  @Autowired HandoffService handoff;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired JdbcClient jdbc;

  @Test
  void theResolutionForALandlineResidentBecomesACallbackTaskWhenNoCallsAreConfigured() {
    String number = conversations.handle(new InboundMessage(
            Channel.VOICE, null, "010-8888-2222", "call-" + System.nanoTime(), "人工", null, Instant.now()))
        .handoff().ticketId();
    Actor wang = new Actor("wang", "王师傅", "service", false);
    handoff.claim(wang, number);
    handoff.resolve(wang, number, "已帮您预约了社区医生。");
    dispatcher.dispatchDue();

    assertThat(handoff.history(Actor.SYSTEM, number))
        .filteredOn(h -> h.type().equals("callback_task") && h.detail().startsWith("landline"))
        .anySatisfy(h -> assertThat(h.detail()).contains("已帮您预约了社区医生"));
    assertThat(jdbc.sql("select count(*) from outbox where channel = 'voice' and idempotency_key like ?")
        .param("rating-call:" + number + ":%").query(Integer.class).single()).isZero();
  }
}
