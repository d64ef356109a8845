package org.linli.channels.twilio;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Whether Twilio's webhooks and sending are on, from the same properties as {@link TwilioProperties}. */
final class TwilioConditions {

  private TwilioConditions() {}

  private static boolean set(ConditionContext context, String property) {
    String v = context.getEnvironment().getProperty(property, "");
    return !v.isBlank();
  }

  /** Webhooks: the auth token is set. */
  static final class Inbound implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return set(context, "linli.twilio.auth-token");
    }
  }

  /** Sending: account SID, auth token, and a from number or messaging service. */
  static final class Sending implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return set(context, "linli.twilio.account-sid")
          && set(context, "linli.twilio.auth-token")
          && (set(context, "linli.twilio.from-number")
              || set(context, "linli.twilio.messaging-service-sid"));
    }
  }

  /**
   * Outbound calls: account SID, auth token, a from number (a messaging service cannot call) and
   * a public base URL (Twilio fetches the call's TwiML from it).
   */
  static final class Calling implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return set(context, "linli.twilio.account-sid")
          && set(context, "linli.twilio.auth-token")
          && set(context, "linli.twilio.from-number")
          && set(context, "linli.twilio.public-base-url");
    }
  }
}
