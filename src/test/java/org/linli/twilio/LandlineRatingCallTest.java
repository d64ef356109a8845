package org.linli.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.channels.twilio.TwilioApiStub;
import org.linli.channels.twilio.TwilioSimulator;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.linli.handoff.TicketStatus;
import org.linli.handoff.WorkOrder;
import org.linli.outbox.OutboxDispatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A resident who called from a landline (which cannot take an SMS) is phoned when their order is
 * resolved: the call reads the outcome and takes the rating by keypad. The real Twilio SDK places
 * the call against a local stand-in for Twilio's REST API; Twilio's side of the call is played by
 * the simulator, which signs every webhook as Twilio does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LandlineRatingCallTest {

  static final String TOKEN = "rating-call-token-0123456789abcdef";
  static final String PUBLIC = "https://linli.example.org";
  static final TwilioApiStub TWILIO = start();
  static final Actor WANG = new Actor("wang", "王师傅", "service", false);
  static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

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
    registry.add("linli.twilio.public-base-url", () -> PUBLIC);
  }

  @AfterAll
  static void stop() {
    TWILIO.close();
  }

  @Autowired ConversationPort conversations;
  @Autowired HandoffService handoff;
  @Autowired OutboxDispatcher dispatcher;
  @LocalServerPort int port;
  TwilioSimulator twilio;

  @BeforeEach
  void simulator() {
    twilio = new TwilioSimulator("http://localhost:" + port, PUBLIC, TOKEN, "+8610000000");
  }

  /** A landline caller asks for a person; staff claim and resolve; the outbox runs twice. */
  String resolvedForLandline(String landline, String resolution) {
    String number = conversations
        .handle(new InboundMessage(Channel.VOICE, null, landline, "CA" + System.nanoTime(), "人工", null, Instant.now()))
        .handoff()
        .ticketId();
    handoff.claim(WANG, number);
    handoff.resolve(WANG, number, resolution);
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();
    return number;
  }

  TwilioApiStub.Call theCallFor(String number) {
    return TWILIO.calls().stream()
        .filter(c -> c.path().endsWith("/Calls.json"))
        .filter(c -> c.form().getOrDefault("Url", "").endsWith("ticket=" + number))
        .reduce((a, b) -> {
          throw new AssertionError("more than one call for " + number);
        })
        .orElseThrow(() -> new AssertionError("no call for " + number + ": " + TWILIO.calls()));
  }

  static Map<String, String> answered(String landline) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("CallSid", "CA" + System.nanoTime());
    form.put("AccountSid", "AC" + "0".repeat(32));
    form.put("From", "+8610000000");
    form.put("To", landline);
    form.put("Direction", "outbound-api");
    form.put("CallStatus", "in-progress");
    return form;
  }

  static String action(String twiml) {
    Matcher m = ACTION.matcher(twiml);
    assertThat(m.find()).as("a <Gather> with an action in %s", twiml).isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  @Test
  void theResolutionIsReadOnAnOutboundCallAndAKeypadFiveClosesTheOrder() {
    String number = resolvedForLandline("021-5555-1234", "楼道灯已经换好了。");

    TwilioApiStub.Call call = theCallFor(number);
    assertThat(call.form())
        .containsEntry("To", "+862155551234")
        .containsEntry("From", "+8610000000")
        .containsEntry("Url", PUBLIC + "/channels/twilio/voice/rating?ticket=" + number)
        .containsEntry("StatusCallback", PUBLIC + "/channels/twilio/voice/rating/status?ticket=" + number);
    // the resolution goes by the call, not to staff as a callback task
    assertThat(handoff.history(Actor.SYSTEM, number))
        .noneMatch(h -> h.type().equals("callback_task") && h.detail().contains("楼道灯已经换好了"));

    TwilioSimulator.Raw greeting = twilio.postSigned(call.form().get("Url"), answered("+862155551234"));
    assertThat(greeting.status()).isEqualTo(200);
    assertThat(greeting.body()).contains("楼道灯已经换好了").contains("按1到5").contains("<Gather")
        .contains("numDigits=\"1\"").contains("input=\"dtmf\"");

    Map<String, String> key = answered("+862155551234");
    key.put("Digits", "5");
    TwilioSimulator.Raw thanks = twilio.postSigned(action(greeting.body()), key);
    assertThat(thanks.body()).contains("谢谢您的评价").contains("<Hangup");

    WorkOrder order = handoff.get(Actor.SYSTEM, number);
    assertThat(order.rating()).isEqualTo(5);
    assertThat(order.status()).isEqualTo(TicketStatus.CLOSED);
  }

  @Test
  void aResidentWhoSpokeEnglishHearsTheClosingCallInEnglish() {
    String number = conversations
        .handle(new InboundMessage(Channel.VOICE, null, "021-5555-4321", "CA" + System.nanoTime(),
            "I want to talk to a person", org.linli.knowledge.Lang.EN, Instant.now()))
        .handoff()
        .ticketId();
    handoff.claim(WANG, number);
    handoff.resolve(WANG, number, "The stair light has been replaced.");
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    String url = theCallFor(number).form().get("Url");
    TwilioSimulator.Raw greeting = twilio.postSigned(url, answered("+862155554321"));
    assertThat(greeting.body())
        .contains("Linli community service centre").contains("The stair light has been replaced")
        .contains("Press 1 to 5").contains("language=\"en-")
        .doesNotContain("按1到5");

    Map<String, String> key = answered("+862155554321");
    key.put("Digits", "4");
    assertThat(twilio.postSigned(action(greeting.body()), key).body()).contains("Thank you for your rating");
    // a repeated webhook after the rating still says goodbye in English
    assertThat(twilio.postSigned(url, answered("+862155554321")).body()).contains("Your case has been dealt with");
    assertThat(handoff.get(Actor.SYSTEM, number).rating()).isEqualTo(4);
  }

  @Test
  void aLowKeypadRatingReopensTheOrderForASupervisorAndAWrongKeyIsAskedAgain() {
    String number = resolvedForLandline("010-6234-5678", "已联系物业处理噪音。");
    String url = theCallFor(number).form().get("Url");

    TwilioSimulator.Raw greeting = twilio.postSigned(url, answered("+861062345678"));
    Map<String, String> wrong = answered("+861062345678");
    wrong.put("Digits", "9");
    TwilioSimulator.Raw again = twilio.postSigned(action(greeting.body()), wrong);
    assertThat(again.body()).contains("请按1到5中的一个数字").contains("<Gather");

    Map<String, String> low = answered("+861062345678");
    low.put("Digits", "1");
    TwilioSimulator.Raw sorry = twilio.postSigned(action(again.body()), low);
    assertThat(sorry.body()).contains("主管会亲自跟进");

    WorkOrder order = handoff.get(Actor.SYSTEM, number);
    assertThat(order.rating()).isEqualTo(1);
    assertThat(order.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(order.supervisorReview()).isTrue();
  }

  @Test
  void aCallNobodyAnswersBecomesOneCallbackTaskForStaff() {
    String number = resolvedForLandline("0755-8888-1234", "路灯已修复。");
    String status = theCallFor(number).form().get("StatusCallback");

    Map<String, String> noAnswer = answered("+8675588881234");
    noAnswer.put("CallStatus", "no-answer");
    assertThat(twilio.postSigned(status, noAnswer).status()).isEqualTo(204);
    // Twilio may report the end twice
    assertThat(twilio.postSigned(status, noAnswer).status()).isEqualTo(204);

    assertThat(handoff.history(Actor.SYSTEM, number))
        .filteredOn(h -> h.type().equals("callback_task") && h.detail().startsWith("rating_call"))
        .singleElement()
        .satisfies(h -> assertThat(h.detail()).contains("no-answer"));
    assertThat(handoff.get(Actor.SYSTEM, number).status()).isEqualTo(TicketStatus.RESOLVED);
  }

  @Test
  void anUnsignedRatingWebhookIsRefusedAndStoresNothing() throws Exception {
    String number = resolvedForLandline("021-6666-7777", "已清理垃圾。");
    var request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + port + "/channels/twilio/voice/rating/gather?ticket=" + number + "&try=1"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("Digits=1"))
        .build();
    int code = java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();

    assertThat(code).isEqualTo(403);
    assertThat(handoff.get(Actor.SYSTEM, number).rating()).isNull();
  }
}
