package org.linli.twilio;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.linli.channels.twilio.TwilioSmsSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/** Without TWILIO_AUTH_TOKEN the Twilio endpoints do not exist and nothing is sent. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TwilioOffTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectProvider<TwilioSmsSender> sender;

  @Test
  void withoutAnAuthTokenTheWebhooksAreOffAndSendingIsOff() throws Exception {
    mvc.perform(post("/channels/twilio/sms").param("From", "+8613800000000").param("Body", "hi").param("MessageSid", "SM1"))
        .andExpect(status().isNotFound());
    mvc.perform(post("/channels/twilio/voice").param("From", "+8613800000000").param("CallSid", "CA1"))
        .andExpect(status().isNotFound());
    assertThat(sender.getIfAvailable()).isNull();
  }
}
