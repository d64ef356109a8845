package org.linli.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.linli.channels.twilio.TwilioApiStub;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.linli.outbox.OutboxDispatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A resident who texted for a person gets the staff member's reply as an SMS: the outbox hands
 * it to the Twilio SDK, which calls (a local stand-in for) Twilio's Messages API once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
class StaffReplyBySmsTest {

  static final TwilioApiStub TWILIO = start();
  static final Actor WANG = new Actor("wang", "王师傅", "service", false);

  static TwilioApiStub start() {
    try {
      return new TwilioApiStub();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void twilio(DynamicPropertyRegistry registry) {
    registry.add("linli.twilio.account-sid", () -> "AC00000000000000000000000000000000");
    registry.add("linli.twilio.auth-token", () -> "test-auth-token-0123456789abcdef");
    registry.add("linli.twilio.from-number", () -> "+8610000000");
    registry.add("linli.twilio.api-base-url", TWILIO::baseUrl);
    registry.add("linli.twilio.public-base-url", () -> "https://linli.example.org");
  }

  @AfterAll
  static void stop() {
    TWILIO.close();
  }

  @Autowired ConversationPort conversations;
  @Autowired java.util.List<org.linli.channels.twilio.SmsDeliveryListener> deliveryListeners;
  @Autowired HandoffService handoff;
  @Autowired OutboxDispatcher dispatcher;

  @Test
  void aStaffReplyToAnSmsResidentIsSentOnceThroughTwilio() {
    String number =
        conversations
            .handle(
                new InboundMessage(
                    Channel.SMS, null, "13811112222", "SM-test-1", "人工", null, Instant.now()))
            .handoff()
            .ticketId();
    handoff.claim(WANG, number);
    handoff.reply(WANG, number, "您好，我是王师傅，下午两点上门。");

    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    assertThat(TWILIO.calls())
        .filteredOn(c -> "您好，我是王师傅，下午两点上门。".equals(c.form().get("Body")))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path()).endsWith("/Messages.json");
              assertThat(c.form()).containsEntry("To", "+8613811112222");
              assertThat(c.form()).containsEntry("From", "+8610000000");
            });
  }

  @Test
  void anSmsTwilioCouldNotDeliverIsShownToStaffAsACallbackTask() {
    String number =
        conversations
            .handle(
                new InboundMessage(
                    Channel.SMS, null, "13822223333", "SM-test-2", "人工", null, Instant.now()))
            .handoff()
            .ticketId();
    handoff.claim(WANG, number);
    handoff.reply(WANG, number, "请问您家门牌号是多少？");
    dispatcher.dispatchDue();
    String key =
        TWILIO.calls().stream()
            .filter(c -> "请问您家门牌号是多少？".equals(c.form().get("Body")))
            .map(c -> c.form().get("StatusCallback"))
            .findFirst()
            .map(url -> url == null ? null : java.net.URLDecoder.decode(url.replaceAll(".*[?&]key=", ""), java.nio.charset.StandardCharsets.UTF_8))
            .orElse(null);
    assertThat(key).as("the status callback carries the outbox key").isNotBlank();

    // Twilio reports later that the phone never got it
    deliveryListeners.forEach(
        l ->
            l.onStatus(
                new org.linli.channels.twilio.SmsDeliveryListener.SmsDeliveryStatus(
                    key, "SM123", "undelivered", "30003")));

    assertThat(handoff.history(org.linli.handoff.Actor.SYSTEM, number))
        .anySatisfy(h -> {
          assertThat(h.type()).isEqualTo("callback_task");
          assertThat(h.detail()).contains("undelivered");
        });
  }
}
