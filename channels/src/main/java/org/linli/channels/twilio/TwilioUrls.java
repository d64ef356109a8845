package org.linli.channels.twilio;

import jakarta.servlet.http.HttpServletRequest;

/** The webhook paths, and absolute URLs Twilio can call back on. */
final class TwilioUrls {

  static final String SMS = "/channels/twilio/sms";
  static final String SMS_STATUS = "/channels/twilio/sms/status";
  static final String VOICE = "/channels/twilio/voice";
  static final String VOICE_GATHER = "/channels/twilio/voice/gather";
  static final String VOICE_DIAL = "/channels/twilio/voice/dial";
  static final String RATING_CALL = "/channels/twilio/voice/rating";
  static final String RATING_CALL_GATHER = "/channels/twilio/voice/rating/gather";
  static final String RATING_CALL_STATUS = "/channels/twilio/voice/rating/status";

  private TwilioUrls() {}

  /**
   * The configured public base URL without a trailing slash; without one, the scheme, host and
   * port this request arrived on.
   */
  static String base(TwilioProperties properties, HttpServletRequest request) {
    String configured = properties.publicBaseUrl().strip();
    if (!configured.isEmpty()) {
      return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }
    String scheme = request.getScheme();
    int port = request.getServerPort();
    boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
  }
}
