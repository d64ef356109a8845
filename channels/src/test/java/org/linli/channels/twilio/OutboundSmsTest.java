package org.linli.channels.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.http.TwilioRestClient;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound SMS through the real SDK, pointed at a local stub of Twilio's REST API. */
class OutboundSmsTest {

  static final String SID = "AC" + "1".repeat(32);

  TwilioApiStub stub;
  Set<String> optedOut = new HashSet<>();
  TwilioSmsSender sender;

  @BeforeEach
  void start() throws Exception {
    stub = new TwilioApiStub();
    TwilioProperties properties = properties("+8610000000", "", "https://linli.example.org/");
    TwilioRestClient client =
        new TwilioRestClient.Builder(SID, "secret-token")
            .httpClient(new TwilioApiHttpClient(stub.baseUrl()))
            .build();
    sender = new TwilioSmsSender(client, properties, optOuts());
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  static TwilioProperties properties(String from, String service, String publicBase) {
    return new TwilioProperties(SID, "secret-token", from, service, publicBase, "", "cmn-Hans-CN", "cmn-CN",
        "Polly.Zhiyu", "Polly.Joanna", 4, 8, 0.5, "", "MON-FRI", "08:30-17:30", "Asia/Shanghai", 30);
  }

  SmsOptOuts optOuts() {
    return new SmsOptOuts() {
      public boolean isOptedOut(String phone) {
        return optedOut.contains(phone);
      }

      public void optOut(String phone) {
        optedOut.add(phone);
      }

      public void optIn(String phone) {
        optedOut.remove(phone);
      }
    };
  }

  @Test
  void aMessageReachesTwilioWithRecipientBodyAndStatusCallback() {
    String sid = sender.send("+8613812345678", "您的工单已受理，编号240101。", "outbox-1");

    assertThat(sid).startsWith("SM");
    assertThat(stub.calls()).hasSize(1);
    TwilioApiStub.Call call = stub.calls().getFirst();
    assertThat(call.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
    assertThat(call.authorization()).startsWith("Basic ");
    assertThat(call.form())
        .containsEntry("To", "+8613812345678")
        .containsEntry("From", "+8610000000")
        .containsEntry("Body", "您的工单已受理，编号240101。")
        .containsEntry("StatusCallback", "https://linli.example.org/channels/twilio/sms/status?key=outbox-1");
  }

  @Test
  void aFailedDeliveryIsRetryableAndTheRetrySendsItOnce() {
    // The SDK retries 5xx a few times by itself; when Twilio is still failing after those, the
    // failure comes back to the caller (the outbox), which retries later with the same key.
    for (int i = 0; i < 10; i++) {
      stub.failNext(500);
    }

    assertThatThrownBy(() -> sender.send("+8613812345678", "通知", "outbox-2"))
        .isInstanceOfSatisfying(
            TwilioSmsSender.SmsSendException.class, e -> assertThat(e.retryable()).isTrue());
    int attempts = stub.calls().size();
    assertThat(attempts).isBetween(1, 9);
    stub.reset();
    attempts = 0;

    String sid = sender.send("+8613812345678", "通知", "outbox-2");
    String again = sender.send("+8613812345678", "通知", "outbox-2");

    assertThat(again).isEqualTo(sid);
    assertThat(stub.calls()).hasSize(attempts + 1);
    assertThat(stub.calls().getLast().form()).containsEntry("Body", "通知");
  }

  @Test
  void anInvalidNumberIsAFinalFailure() {
    stub.failNext(400);

    assertThatThrownBy(() -> sender.send("+86123", "通知", "outbox-3"))
        .isInstanceOfSatisfying(
            TwilioSmsSender.SmsSendException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.code()).isEqualTo("21211");
            });
  }

  @Test
  void nothingIsSentToAResidentWhoOptedOut() {
    optedOut.add("+8613812345678");

    assertThatThrownBy(() -> sender.send("+8613812345678", "通知", "outbox-4"))
        .isInstanceOfSatisfying(
            TwilioSmsSender.SmsSendException.class, e -> assertThat(e.code()).isEqualTo("opted_out"));
    assertThat(stub.calls()).isEmpty();
  }

  @Test
  void aMessagingServiceIsUsedInsteadOfAFromNumberWhenConfigured() {
    TwilioRestClient client =
        new TwilioRestClient.Builder(SID, "secret-token")
            .httpClient(new TwilioApiHttpClient(stub.baseUrl()))
            .build();
    TwilioSmsSender viaService =
        new TwilioSmsSender(client, properties("", "MG" + "2".repeat(32), ""), optOuts());

    viaService.send("+8613812345678", "hi", "outbox-5");

    assertThat(stub.calls().getLast().form())
        .containsEntry("MessagingServiceSid", "MG" + "2".repeat(32))
        .doesNotContainKey("From")
        .doesNotContainKey("StatusCallback");
  }
}
