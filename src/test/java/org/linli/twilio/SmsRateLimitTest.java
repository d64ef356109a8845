package org.linli.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.channels.twilio.TwilioSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A resident texting faster than the resident limit gets an SMS saying the message was not
 * received and when to send it again; nothing of it is stored. Opting out still works, and other
 * residents are still served. Signed webhooks, as Twilio sends them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "linli.twilio.auth-token=" + SmsRateLimitTest.TOKEN,
      "linli.rate-limit.policies.resident.capacity=2",
      "linli.rate-limit.policies.resident.period=PT1H"})
@ActiveProfiles("test")
class SmsRateLimitTest {

  static final String TOKEN = "test-auth-token-ratelimit-0123456";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  TwilioSimulator twilio;

  @BeforeEach
  void simulator() {
    twilio = new TwilioSimulator("http://localhost:" + port, null, TOKEN, "+861012345");
  }

  int stored(String sid) {
    return jdbc.sql("select count(*) from message where external_id = ?").param(sid).query(Integer.class).single();
  }

  @Test
  void aResidentTextingTooFastIsToldSoAndTheMessageIsNotStored() {
    String phone = "+8613900000701";
    assertThat(twilio.sms(phone, "高龄津贴怎么申请").status()).isEqualTo(200);
    assertThat(twilio.sms(phone, "要带什么材料").status()).isEqualTo(200);

    TwilioSimulator.SmsResult refused = twilio.sms(phone, "还有别的吗", "SMrefused0000000000000000000000001");
    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.messages()).singleElement().asString()
        .contains("您发送得太快了").contains("没有收到").containsPattern("请稍等\\d+分钟再发");
    assertThat(stored("SMrefused0000000000000000000000001")).isZero();

    TwilioSimulator.SmsResult english = twilio.sms(phone, "what else do I need");
    assertThat(english.messages()).singleElement().asString().contains("sending too fast");

    // opting out is never refused
    assertThat(twilio.sms(phone, "退订").messages()).singleElement().asString().contains("已退订");

    assertThat(twilio.sms("+8613900000702", "高龄津贴怎么申请").messages())
        .singleElement().asString().doesNotContain("太快");
  }
}
