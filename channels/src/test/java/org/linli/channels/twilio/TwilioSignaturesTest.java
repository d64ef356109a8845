package org.linli.channels.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignaturesTest {

  @Test
  void aSignatureComputedThroughTheSdkIsAcceptedByTheSdksValidator() {
    Map<String, String> form = Map.of("From", "+8613812345678", "Body", "高龄津贴", "MessageSid", "SM1");
    String url = "https://linli.example.org/channels/twilio/voice/gather?step=2&at=menu";

    String signature = TwilioSignatures.sign("token", url, form);

    assertThat(new RequestValidator("token").validate(url, form, signature)).isTrue();
    assertThat(TwilioSignatures.valid("other-token", url, form, signature)).isFalse();
    assertThat(TwilioSignatures.valid("token", url + "&x=1", form, signature)).isFalse();
    assertThat(TwilioSignatures.valid("token", url, form, null)).isFalse();
  }

  @Test
  void staffedHoursFollowTheConfiguredDaysHoursAndZone() {
    TwilioProperties p =
        new TwilioProperties("", "t", "", "", "", "", "cmn-Hans-CN", "cmn-CN", "Polly.Zhiyu", "Polly.Joanna",
            4, 8, 0.5, "+861088888888", "MON-FRI", "08:30-17:30", "Asia/Shanghai", 30);
    // Monday 2026-11-23 09:00 in Beijing is 01:00 UTC
    assertThat(p.staffedAt(java.time.ZonedDateTime.parse("2026-11-23T01:00:00Z"))).isTrue();
    assertThat(p.staffedAt(java.time.ZonedDateTime.parse("2026-11-23T10:00:00Z"))).isFalse();
    assertThat(p.staffedAt(java.time.ZonedDateTime.parse("2026-11-22T01:00:00Z"))).isFalse();
  }
}
