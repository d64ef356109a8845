package org.linli.accessibility.sms;

/**
 * The two SMS alphabets. GSM-7 packs 160 characters in one message and 153 per segment of a
 * concatenated message; UCS-2 (any Chinese character forces it) 70 and 67.
 */
public enum SmsEncoding {
  GSM7(160, 153),
  UCS2(70, 67);

  private final int singleLimit;
  private final int segmentLimit;

  SmsEncoding(int singleLimit, int segmentLimit) {
    this.singleLimit = singleLimit;
    this.segmentLimit = segmentLimit;
  }

  /** Units (septets or UTF-16 code units) in a message sent as one SMS. */
  public int singleLimit() {
    return singleLimit;
  }

  /** Units per segment of a concatenated message (the rest is taken by the UDH header). */
  public int segmentLimit() {
    return segmentLimit;
  }
}
