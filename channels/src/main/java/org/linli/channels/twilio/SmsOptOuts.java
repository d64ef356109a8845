package org.linli.channels.twilio;

/**
 * Residents who replied 退订 / TD / STOP: nothing is sent to them any more but the confirmation,
 * until they reply START. The application stores this (by a keyed hash of the number, never the
 * number itself); phone numbers are passed as Twilio gives them ({@code +8613812345678}).
 */
public interface SmsOptOuts {

  boolean isOptedOut(String phoneNumber);

  void optOut(String phoneNumber);

  void optIn(String phoneNumber);
}
