package org.linli.channels.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.dialog.ConversationHistory;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnOutcome;
import org.linli.knowledge.KnowledgeBase;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * "A person" outside staffed hours when the application opened a work order: the caller hears the
 * case number digit by digit and gets it by SMS, once, even when Twilio retries the webhook.
 */
class CallbackWithCaseNumberTest {

  TwilioApiStub stub;

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  @Test
  void theCallerHearsTheCaseNumberAndGetsItByTextOnce() throws Exception {
    stub = new TwilioApiStub();
    TwilioProperties properties = OutboundSmsTest.properties("+8610000000", "", "https://linli.example.org");
    TwilioRestClient client =
        new TwilioRestClient.Builder(OutboundSmsTest.SID, "secret-token")
            .httpClient(new TwilioApiHttpClient(stub.baseUrl()))
            .build();
    SmsOptOuts nobody =
        new SmsOptOuts() {
          public boolean isOptedOut(String p) {
            return false;
          }

          public void optOut(String p) {}

          public void optIn(String p) {}
        };
    TwilioSmsSender sender = new TwilioSmsSender(client, properties, nobody);
    ConversationPort port =
        new ConversationPort() {
          @Override
          public TurnOutcome handle(InboundMessage message) {
            return new TurnOutcome(
                "c1",
                List.of(new Reply("好的，马上为您找工作人员。", List.of(), List.of(), true)),
                "request_human",
                org.linli.knowledge.Lang.ZH,
                new TurnOutcome.Handoff("240101", "new"),
                false);
          }

          @Override
          public Optional<ConversationHistory> history(String id) {
            return Optional.empty();
          }
        };
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("sender", sender));
    TwilioVoiceController voice =
        new TwilioVoiceController(
            port,
            properties,
            beans.getBeanProvider(TwilioSmsSender.class),
            beans.getBeanProvider(ExtraHelpCallers.class),
            new SpeechHints(beans.getBeanProvider(KnowledgeBase.class)),
            // a Sunday: nobody on the staffed line
            Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai")));

    for (int delivery = 0; delivery < 2; delivery++) {
      String twiml =
          voice
              .gathered(new MockHttpServletRequest("POST", "/channels/twilio/voice/gather"),
                  "CA1", "+8613812345678", "0", null, null, 1, "menu", 0, 0, 0, null, "zh")
              .getBody();
      assertThat(twiml).contains("二四零一零一").contains("回电话").contains("<Hangup/>").doesNotContain("<Dial");
    }

    assertThat(stub.calls()).singleElement().satisfies(call -> {
      assertThat(call.form()).containsEntry("To", "+8613812345678");
      assertThat(call.form().get("Body")).contains("240101");
    });
  }
}
