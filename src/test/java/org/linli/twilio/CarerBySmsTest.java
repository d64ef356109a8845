package org.linli.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.linli.care.CareService;
import org.linli.channels.twilio.TwilioApiStub;
import org.linli.channels.twilio.TwilioSimulator;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.linli.handoff.WorkOrder;
import org.linli.outbox.OutboxDispatcher;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A daughter recorded as her mother's carer texts the service (a signed Twilio webhook from her
 * number): the order is filed in her mother's name, and both of them get the case notices as SMS
 * through Twilio's Messages API (a local stand-in), once each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CarerBySmsTest {

  static final String TOKEN = "test-auth-token-0123456789abcdef";
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
    registry.add("linli.twilio.auth-token", () -> TOKEN);
    registry.add("linli.twilio.from-number", () -> "+8610000000");
    registry.add("linli.twilio.api-base-url", TWILIO::baseUrl);
  }

  @AfterAll
  static void stop() {
    TWILIO.close();
  }

  @LocalServerPort int port;
  @Autowired CareService care;
  @Autowired ResidentDirectory residents;
  @Autowired HandoffService handoff;
  @Autowired OutboxDispatcher dispatcher;

  private long smsTo(String to, String containing) {
    return TWILIO.calls().stream()
        .filter(c -> c.path().endsWith("/Messages.json"))
        .filter(c -> to.equals(c.form().get("To")) && c.form().get("Body").contains(containing))
        .count();
  }

  @Test
  void aCarersTextBecomesTheResidentsOrderAndBothAreToldOnce() {
    String mother = residents.residentFor(IdentityKind.PHONE, "13611112222");
    care.addCarer("admin", mother, "13911112222", null, "child", true);
    TwilioSimulator daughter = new TwilioSimulator("http://localhost:" + port, null, TOKEN, "+861012345");

    TwilioSimulator.SmsResult question = daughter.sms("+8613911112222", "我要找人工");
    assertThat(question.status()).isEqualTo(200);
    assertThat(String.join("", question.messages())).contains("尾号 2222");

    TwilioSimulator.SmsResult filed = daughter.sms("+8613911112222", "1");
    WorkOrder order = handoff.forResident(mother).stream().findFirst().orElseThrow();
    assertThat(String.join("", filed.messages())).contains(order.number());
    assertThat(handoff.history(Actor.SYSTEM, order.number()))
        .anySatisfy(h -> assertThat(h.type()).isEqualTo("reported_by_carer"));

    dispatcher.dispatchDue();
    assertThat(smsTo("+8613611112222", order.number())).isEqualTo(1);

    handoff.claim(WANG, order.number());
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();
    assertThat(smsTo("+8613611112222", "王师傅")).isEqualTo(1);
    assertThat(smsTo("+8613911112222", "王师傅")).isEqualTo(1);
  }
}
