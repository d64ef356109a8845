package org.linli.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.channels.twilio.TwilioSimulator;
import org.linli.channels.twilio.TwilioSimulator.Event;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Phone calls walked the way Twilio walks them: every menu path, scripted with the simulator. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"linli.twilio.auth-token=" + TwilioVoiceChannelTest.TOKEN})
@ActiveProfiles("test")
class TwilioVoiceChannelTest {

  static final String TOKEN = "voice-test-token-0123456789abcdef";
  /** Every TwiML document any test received, checked for structure at the end. */
  static final List<String> ALL_TWIML = new ArrayList<>();

  @LocalServerPort int port;
  TwilioSimulator twilio;

  @BeforeEach
  void simulator() {
    twilio = new TwilioSimulator("http://localhost:" + port, null, TOKEN, "+861012345");
  }

  TwilioSimulator.CallResult call(String from, String... steps) {
    Deque<String> script = new ArrayDeque<>(List.of(steps));
    TwilioSimulator.CallResult result =
        twilio.call(from, heard -> Optional.ofNullable(script.poll()).map(TwilioSimulator.Input::parse));
    synchronized (ALL_TWIML) {
      ALL_TWIML.addAll(result.twiml());
    }
    assertThat(result.lastStatus()).isEqualTo(200);
    return result;
  }

  @Test
  void theGreetingOffersFourChoicesWithFixedKeys() {
    TwilioSimulator.CallResult call = call("+8613700000001");

    String menu = call.transcript();
    assertThat(menu).contains("您好").contains("按1").contains("按2").contains("按3").contains("按0")
        .contains("星号").contains("井号");
    assertThat(menu).doesNotContain("按4");
  }

  @Test
  void askingByKeyThenSpeechGetsAnAnswerWithItsSourceAndWhatToDoNext() {
    TwilioSimulator.CallResult call = call("+8613700000002", "1", "高龄津贴怎么申请", "1");

    List<String> heard = call.heard();
    assertThat(String.join("", heard)).contains("请说您想问的事").contains("以上内容来自")
        .contains("按1，听详细内容").contains("重听请按星号").contains("想问别的");
    assertThat(heard).allSatisfy(s -> assertThat(s.codePointCount(0, s.length())).isLessThanOrEqualTo(60));
  }

  @Test
  void speakingAtTheMenuAsksStraightAway() {
    assertThat(call("+8613700000003", "高龄津贴怎么申请").transcript()).contains("以上内容来自");
  }

  @Test
  void anUnclearTranscriptIsConfirmedBeforeItIsActedOn() {
    TwilioSimulator.CallResult yes = call("+8613700000004", "low:高龄津贴怎么申请", "1");
    assertThat(yes.transcript()).contains("您是说“高龄津贴怎么申请”吗？").contains("以上内容来自");

    TwilioSimulator.CallResult no = call("+8613700000005", "low:高龄津贴怎么申请", "2");
    assertThat(no.transcript()).contains("请再说一次").doesNotContain("以上内容来自");
  }

  @Test
  void reportingAProblemByPhoneIsReadBackBeforeItIsFiled() {
    TwilioSimulator.CallResult call =
        call("+8613700000006", "2", "电梯坏了", "幸福小区3号楼2单元", "1");

    String t = call.transcript();
    assertThat(t).contains("什么问题").contains("什么地方").contains("核对").contains("电梯")
        .contains("您现在用的这个号码").contains("按1，对").contains("按2，不对").contains("记下");
  }

  @Autowired org.linli.care.CareService care;
  @Autowired org.linli.resident.ResidentDirectory residents;
  @Autowired org.linli.handoff.HandoffService handoff;

  @Test
  void aCarerOnThePhoneIsOfferedByKeypadToActForTheResidentOncePerCall() {
    String mother = residents.residentFor(org.linli.resident.IdentityKind.PHONE, "13600005001");
    org.linli.care.CareService.Proxy son = care.addCarer("admin", mother, "13900005001", null, "child", true).get(0);
    String carer = residents.find(org.linli.resident.IdentityKind.PHONE, "13900005001").orElseThrow();

    TwilioSimulator.CallResult forMother =
        call("+8613900005001", "2", "1", "电梯坏了", "幸福小区3号楼2单元", "1");
    assertThat(forMother.transcript())
        .contains("代办人").contains("尾号 五零零幺").contains("替对方办理，请按一").contains("为您自己办理，请按二")
        .contains("这次替").contains("什么问题").contains("记下");
    assertThat(handoff.forResident(mother)).singleElement().satisfies(order -> {
      assertThat(order.residentId()).isEqualTo(mother);
      assertThat(handoff.reportedByProxy(order.number())).contains(son.id());
    });

    // the next call is asked again; this time it is for himself
    TwilioSimulator.CallResult forHimself =
        call("+8613900005001", "2", "2", "楼道灯不亮", "幸福小区5号楼", "1");
    assertThat(forHimself.transcript()).contains("替对方办理，请按一").contains("为您自己办理");
    assertThat(handoff.forResident(carer)).singleElement()
        .satisfies(order -> assertThat(handoff.reportedByProxy(order.number())).isEmpty());
    assertThat(handoff.forResident(mother)).hasSize(1);
  }

  @Test
  void aCallerWhoActsForNobodyIsNotAsked() {
    assertThat(call("+8613700000018", "2").transcript()).doesNotContain("代办人").contains("什么问题");
  }

  @Test
  void checkingACaseWithoutOneSaysHowToGetHelp() {
    assertThat(call("+8613700000017", "3").transcript()).contains("工单").contains("按0");
  }

  @Test
  void aCaseReportedByPhoneCanBeCheckedByPressingThreeOnTheNextCall() {
    call("+8613700000007", "2", "楼道里的路灯不亮了", "幸福小区5号楼", "1");

    String t = call("+8613700000007", "3").transcript();
    // the case is found by the caller's number and told in plain words, not internal codes
    assertThat(t).contains("工单").contains("等工作人员接手").doesNotContain("没有找到");
  }

  @Test
  void zeroReachesAPersonAndWithoutAStaffedLineTheCallerIsPromisedACallback() {
    TwilioSimulator.CallResult call = call("+8613700000008", "0");

    assertThat(call.transcript()).contains("工作人员").contains("回电话");
    assertThat(call.events()).noneMatch(e -> e.kind() == Event.Kind.DIAL);
    assertThat(call.events().getLast().kind()).isEqualTo(Event.Kind.HANGUP);
    assertThat(call.events().getLast().text()).isEqualTo("service");
  }

  @Test
  void twoSilencesInARowOfferAPersonAndAThirdEndsTheCall() {
    TwilioSimulator.CallResult call = call("+8613700000009", "-", "-", "-");

    assertThat(call.transcript()).contains("我没听到您说话").contains("找人工，请按0");
    assertThat(call.events().getLast().kind()).isEqualTo(Event.Kind.HANGUP);
  }

  @Test
  void twoWrongKeysInARowOfferAPerson() {
    assertThat(call("+8613700000010", "7", "8").transcript()).contains("没有这个选项").contains("我还是没听明白");
  }

  @Test
  void starRepeatsAndHashSlowsDown() {
    TwilioSimulator.CallResult call = call("+8613700000011", "*", "#");

    assertThat(call.transcript()).contains("我说慢一点");
    String slowed = call.twiml().getLast();
    assertThat(slowed).contains("<prosody rate=\"72%\">");
  }

  @Autowired JdbcClient jdbc;

  @Test
  void twilioRetryingAStepGetsTheSameTwimlFromOneTurn() {
    String callSid = "CA" + "c".repeat(32);
    String action = "/channels/twilio/voice/gather?step=1&at=menu&slow=0&quiet=0&miss=0&lang=zh";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("CallSid", callSid);
    form.put("From", "+8613700000012");
    form.put("To", "+861012345");
    form.put("Digits", "2");

    TwilioSimulator.Raw first = twilio.postSigned(action, form);
    TwilioSimulator.Raw retry = twilio.postSigned(action, form);

    assertThat(first.status()).isEqualTo(200);
    assertThat(retry.body()).isEqualTo(first.body()).contains("什么问题");
    assertThat(
            jdbc.sql("select count(*) from message where external_id = ?")
                .param(callSid + ":1")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aForgedCallStepIsRefused() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("CallSid", "CA" + "d".repeat(32));
    form.put("From", "+8613700000013");
    form.put("Digits", "0");
    TwilioSimulator forger = new TwilioSimulator("http://localhost:" + port, null, "not-the-token", "+861012345");

    assertThat(forger.postSigned("/channels/twilio/voice/gather?step=1&at=menu", form).status()).isEqualTo(403);
    assertThat(
            jdbc.sql("select count(*) from message where external_id like ?")
                .param("CA" + "d".repeat(32) + "%")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @AfterAll
  static void everyGatherHasAnActionALanguageAndAnIntegerSpeechTimeout() throws Exception {
    assertThat(ALL_TWIML).isNotEmpty();
    int gathers = 0;
    for (String twiml : ALL_TWIML) {
      var f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(twiml))).getDocumentElement();
      assertThat(root.getTagName()).isEqualTo("Response");
      NodeList list = root.getElementsByTagName("Gather");
      for (int i = 0; i < list.getLength(); i++) {
        Element g = (Element) list.item(i);
        gathers++;
        assertThat(g.getAttribute("action")).as(twiml).contains("/channels/twilio/voice/gather?step=");
        assertThat(g.getAttribute("language")).as(twiml).isNotBlank();
        assertThat(g.getAttribute("speechTimeout")).as(twiml).matches("[0-9]+");
        assertThat(g.getAttribute("input")).isEqualTo("dtmf speech");
        assertThat(g.getAttribute("actionOnEmptyResult")).isEqualTo("true");
        assertThat(g.getAttribute("hints")).contains("高龄津贴");
      }
      NodeList says = root.getElementsByTagName("Say");
      for (int i = 0; i < says.getLength(); i++) {
        assertThat(((Element) says.item(i)).getAttribute("language")).isNotBlank();
      }
      assertThat(twiml).doesNotContain("speechTimeout=\"auto\"");
    }
    assertThat(gathers).isGreaterThan(10);
  }
}
