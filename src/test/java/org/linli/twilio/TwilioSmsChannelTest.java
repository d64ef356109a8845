package org.linli.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.accessibility.sms.SmsSegmenter;
import org.linli.channels.twilio.SmsDeliveryListener;
import org.linli.channels.twilio.TwilioSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Residents texting the service, as Twilio delivers their SMS (signed webhooks, retries). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"linli.twilio.auth-token=" + TwilioSmsChannelTest.TOKEN})
@ActiveProfiles("test")
class TwilioSmsChannelTest {

  static final String TOKEN = "test-auth-token-0123456789abcdef";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RecordingDeliveries deliveries;

  TwilioSimulator twilio;

  @TestConfiguration
  static class Listener {
    @Bean
    RecordingDeliveries recordingDeliveries() {
      return new RecordingDeliveries();
    }
  }

  static class RecordingDeliveries implements SmsDeliveryListener {
    final List<SmsDeliveryStatus> statuses = new ArrayList<>();

    @Override
    public synchronized void onStatus(SmsDeliveryStatus status) {
      statuses.add(status);
    }
  }

  @BeforeEach
  void simulator() {
    twilio = new TwilioSimulator("http://localhost:" + port, null, TOKEN, "+861012345");
  }

  int storedMessages() {
    return jdbc.sql("select count(*) from message").query(Integer.class).single();
  }

  @Test
  void aPolicyQuestionIsAnsweredWithinTwoSegmentsAndSaysHowToGetMore() {
    TwilioSimulator.SmsResult answer = twilio.sms("+8613900000001", "高龄津贴怎么申请");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.messages()).hasSize(1);
    String sms = answer.messages().getFirst();
    assertThat(SmsSegmenter.segmentCount(sms)).isLessThanOrEqualTo(2);
    assertThat(sms).contains("高龄津贴").contains("回复1看详细").contains("回复0转人工");

    TwilioSimulator.SmsResult more = twilio.sms("+8613900000001", "1");
    assertThat(more.messages()).isNotEmpty();
    assertThat(String.join("", more.messages())).doesNotContain("没听明白");
  }

  @Test
  void aForgedOrUnsignedWebhookIsRefusedAndNothingIsStored() {
    int before = storedMessages();

    assertThat(twilio.smsWithSignature("+8613900000002", "高龄津贴", null)).isEqualTo(403);
    assertThat(twilio.smsWithSignature("+8613900000002", "高龄津贴", "bm90IGEgc2lnbmF0dXJl")).isEqualTo(403);
    TwilioSimulator wrongToken =
        new TwilioSimulator("http://localhost:" + port, null, "another-token", "+861012345");
    assertThat(wrongToken.sms("+8613900000002", "高龄津贴").status()).isEqualTo(403);
    // signed for another address than the one the service checks against
    TwilioSimulator wrongUrl =
        new TwilioSimulator("http://localhost:" + port, "https://evil.example", TOKEN, "+861012345");
    assertThat(wrongUrl.sms("+8613900000002", "高龄津贴").status()).isEqualTo(403);

    assertThat(storedMessages()).isEqualTo(before);
  }

  @Test
  void twilioRetryingAMessageGetsTheSameAnswerFromOneTurn() {
    int before = storedMessages();

    TwilioSimulator.SmsResult first = twilio.sms("+8613900000003", "低保怎么申请", "SM" + "a".repeat(32));
    TwilioSimulator.SmsResult retry = twilio.sms("+8613900000003", "低保怎么申请", "SM" + "a".repeat(32));

    assertThat(retry.messages()).isEqualTo(first.messages());
    int inbound =
        jdbc.sql("select count(*) from message where external_id = ?")
            .param("SM" + "a".repeat(32))
            .query(Integer.class)
            .single();
    assertThat(inbound).isEqualTo(1);
    assertThat(storedMessages() - before).isEqualTo(1 + first.messages().size());
  }

  @Test
  void afterOptingOutOnlyTheConfirmationIsSentUntilStart() {
    String phone = "+8613900000004";

    TwilioSimulator.SmsResult stop = twilio.sms(phone, "退订");
    assertThat(stop.messages()).singleElement().asString().contains("退订").contains("START");
    List<String> hashes = jdbc.sql("select phone_hash from sms_opt_out").query(String.class).list();
    assertThat(hashes).isNotEmpty().noneMatch(h -> h.contains("13900000004"));

    int before = storedMessages();
    assertThat(twilio.sms(phone, "高龄津贴怎么申请").messages()).isEmpty();
    assertThat(twilio.sms(phone, "人工").messages()).isEmpty();
    assertThat(storedMessages()).isEqualTo(before);

    assertThat(twilio.sms(phone, "START").messages()).singleElement().asString().contains("恢复");
    assertThat(twilio.sms(phone, "高龄津贴怎么申请").messages()).singleElement().asString().contains("高龄津贴");
  }

  @Test
  void englishStopAndTdOptOutToo() {
    assertThat(twilio.sms("+8613900000005", "STOP").messages()).singleElement().asString().contains("unsubscribed");
    assertThat(twilio.sms("+8613900000005", "高龄津贴").messages()).isEmpty();
    assertThat(twilio.sms("+8613900000006", "td").messages()).singleElement().asString().contains("退订");
  }

  @Test
  void helpExplainsTheKeywords() {
    assertThat(twilio.sms("+8613900000007", "帮助").messages()).singleElement().asString().contains("回复0").contains("退订");
    assertThat(twilio.sms("+8613900000007", "HELP").messages()).singleElement().asString().contains("STOP");
  }

  @Test
  void askingForAPersonByWordOrZeroIsNeverArguedWith() {
    String reply = twilio.sms("+8613900000008", "人工").messages().getFirst();
    assertThat(twilio.sms("+8613900000008", "人工").messages()).hasSize(1);
    // the case number, once is enough
    assertThat(reply).contains("工作人员").containsPattern("工单号 ?\\d{6}");
    String number = reply.replaceAll("(?s).*工单号 ?(\\d{6}).*", "$1");
    assertThat(reply.split(number, -1)).hasSize(2);
    assertThat(twilio.sms("+8613900000009", "0").messages()).singleElement().asString().contains("工作人员");
    assertThat(twilio.sms("+8613900000010", "HUMAN").messages()).singleElement().asString().containsIgnoringCase("staff");
  }

  @Test
  void reportingAProblemBySmsIsReadBackBeforeItIsFiled() {
    String phone = "+8613900000011";
    assertThat(twilio.sms(phone, "我要报修").messages().getFirst()).contains("什么问题");
    assertThat(twilio.sms(phone, "楼道里的路灯不亮了").messages().getFirst()).contains("什么地方");
    String readBack = twilio.sms(phone, "和平路12号").messages().getFirst();
    assertThat(readBack).contains("核对").contains("路灯").contains("回复1").contains("回复2");
    assertThat(twilio.sms(phone, "1").messages().getFirst()).contains("记下");
  }

  @Test
  void deliveryReportsReachTheListenerWithTheIdempotencyKey() {
    int status =
        twilio.smsStatus("/channels/twilio/sms/status?key=outbox-42", "SM" + "b".repeat(32), "undelivered", "30003");

    assertThat(status).isEqualTo(204);
    assertThat(deliveries.statuses)
        .anySatisfy(
            s -> {
              assertThat(s.idempotencyKey()).isEqualTo("outbox-42");
              assertThat(s.finalFailure()).isTrue();
              assertThat(s.errorCode()).isEqualTo("30003");
            });
  }
}
