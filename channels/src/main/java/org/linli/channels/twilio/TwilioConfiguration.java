package org.linli.channels.twilio;

import com.twilio.http.TwilioRestClient;
import org.linli.knowledge.KnowledgeBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Turns the Twilio channel on as far as its configuration allows: the webhooks (and their
 * signature check) when {@code TWILIO_AUTH_TOKEN} is set; sending when the account SID, the token
 * and a from number or messaging service are set. Says once at start-up what is off and why.
 */
@Configuration(proxyBeanMethods = false)
class TwilioConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TwilioConfiguration.class);

  private final TwilioProperties properties;

  TwilioConfiguration(TwilioProperties properties) {
    this.properties = properties;
  }

  @Bean
  @Conditional(TwilioConditions.Inbound.class)
  FilterRegistrationBean<TwilioSignatureFilter> twilioSignatureFilter() {
    FilterRegistrationBean<TwilioSignatureFilter> registration =
        new FilterRegistrationBean<>(new TwilioSignatureFilter(properties));
    registration.addUrlPatterns("/channels/twilio/*");
    registration.setName("twilioSignatureFilter");
    return registration;
  }

  @Bean
  @Conditional(TwilioConditions.Inbound.class)
  SpeechHints twilioSpeechHints(ObjectProvider<KnowledgeBase> knowledge) {
    return new SpeechHints(knowledge);
  }

  @Bean
  @Conditional(TwilioConditions.Sending.class)
  TwilioRestClient twilioRestClient() {
    TwilioRestClient.Builder builder =
        new TwilioRestClient.Builder(properties.accountSid(), properties.authToken());
    if (!properties.apiBaseUrl().isBlank()) {
      builder.httpClient(new TwilioApiHttpClient(properties.apiBaseUrl()));
    }
    return builder.build();
  }

  @Bean
  @Conditional(TwilioConditions.Sending.class)
  TwilioSmsSender twilioSmsSender(TwilioRestClient client, SmsOptOuts optOuts) {
    return new TwilioSmsSender(client, properties, optOuts);
  }

  @Bean
  @Conditional(TwilioConditions.Sending.class)
  TwilioOutboundSender twilioOutboundSender(TwilioSmsSender sms) {
    return new TwilioOutboundSender(sms);
  }

  @Bean
  @Conditional(TwilioConditions.Calling.class)
  TwilioCallSender twilioCallSender(TwilioRestClient client) {
    return new TwilioCallSender(client, properties);
  }

  /** One line, for operators: which parts of the Twilio channel are on, and why the rest is off. */
  @EventListener(ApplicationReadyEvent.class)
  void report() {
    log.info("event=channel_status channel=twilio {}", status(properties));
  }

  static String status(TwilioProperties p) {
    String webhooks =
        p.inboundEnabled()
            ? "webhooks=on signatures_checked_against="
                + (p.publicBaseUrl().isBlank()
                    ? "request_url (LINLI_PUBLIC_BASE_URL not set: set it behind a proxy)"
                    : p.publicBaseUrl())
            : "webhooks=off (TWILIO_AUTH_TOKEN not set)";
    String sending =
        p.sendingEnabled()
            ? "sending=on from="
                + (p.messagingServiceSid().isBlank() ? p.fromNumber() : "messaging_service")
                + (p.publicBaseUrl().isBlank() ? " status_callbacks=off (LINLI_PUBLIC_BASE_URL not set)" : "")
            : "sending=off (not set: " + p.sendingMissing() + ")";
    String person =
        p.staffedNumber().isBlank()
            ? "staffed_line=off (linli.twilio.staffed-number not set: callers get a callback)"
            : "staffed_line=on hours=" + p.staffedDays() + " " + p.staffedHours() + " " + p.timeZone();
    String calls =
        p.sendingEnabled() && !p.fromNumber().isBlank() && !p.publicBaseUrl().isBlank()
            ? "rating_calls=on"
            : "rating_calls=off (needs sending, TWILIO_FROM_NUMBER and LINLI_PUBLIC_BASE_URL:"
                + " landline residents get a staff callback instead)";
    return webhooks + "; " + sending + "; " + person + "; " + calls;
  }
}
