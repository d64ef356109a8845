package org.linli.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.linli.care.CareService;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.linli.channels.twilio.TwilioSimulator;
import org.linli.channels.twilio.TwilioSimulator.Event;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/** "A person" on the phone when the staffed line is configured: dialled in staffed hours. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "linli.twilio.auth-token=" + TwilioStaffedLineTest.TOKEN,
      "linli.twilio.public-base-url=https://linli.example.org",
      "linli.twilio.staffed-number=+861088880000",
      "linli.twilio.staffed-days=MON-FRI",
      "linli.twilio.staffed-hours=08:30-17:30"
    })
@ActiveProfiles("test")
class TwilioStaffedLineTest {

  static final String TOKEN = "staffed-test-token-0123456789abcdef";
  static final String MARKED = "+8613600000080";

  @LocalServerPort int port;

  @TestConfiguration
  static class Config {
    /** Monday 2026-11-23, 10:00 in Beijing: the line is staffed. */
    @Bean
    @Primary
    Clock mondayMorning() {
      return Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    }
  }

  @Autowired ResidentDirectory residents;
  @Autowired CareService care;

  TwilioSimulator.CallResult call(String from, String... steps) {
    // Signed against the public base URL, sent to the test server, as behind a proxy.
    TwilioSimulator twilio =
        new TwilioSimulator("http://localhost:" + port, "https://linli.example.org", TOKEN, "+861012345");
    Deque<String> script = new ArrayDeque<>(List.of(steps));
    TwilioSimulator.CallResult result =
        twilio.call(from, heard -> Optional.ofNullable(script.poll()).map(TwilioSimulator.Input::parse));
    assertThat(result.lastStatus()).isEqualTo(200);
    return result;
  }

  @Test
  void zeroInStaffedHoursDialsTheStaffedLineAndAnUnansweredLinePromisesACallback() {
    TwilioSimulator.CallResult call = call("+8613600000001", "0");

    assertThat(call.events()).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(Event.Kind.DIAL);
      assertThat(e.text()).isEqualTo("+861088880000");
    });
    assertThat(call.transcript()).contains("正在为您转接").contains("工作人员正在忙").contains("回电话");
    assertThat(call.twiml()).anySatisfy(t -> assertThat(t).contains("action=\"https://linli.example.org/channels/twilio/voice/"));
  }

  @Test
  void aResidentMarkedAsNeedingExtraHelpSkipsTheMenu() {
    // staff recorded, with the resident's consent, that she lives alone and sees poorly
    String resident = residents.residentFor(IdentityKind.PHONE, MARKED);
    care.recordSupport("supervisor", resident, "aged 80+, living alone, visually impaired", true, null);

    TwilioSimulator.CallResult call = call(MARKED);

    assertThat(call.transcript()).doesNotContain("按1");
    assertThat(call.events()).anyMatch(e -> e.kind() == Event.Kind.DIAL);
  }

  @Test
  void askingForAPersonInWordsAlsoDials() {
    assertThat(call("+8613600000002", "我要找人工").events()).anyMatch(e -> e.kind() == Event.Kind.DIAL);
  }
}
