package org.linli.accessibility;

/** The channel an answer is rendered for; each gets its own {@link Rendering} type. */
public enum Channel {
  /** WeChat official account: plain text, short paragraphs, buttons offered separately. */
  WECHAT,
  /** SMS: GSM-7 or UCS-2 segments, options as "回复1…". */
  SMS,
  /** A phone call: short spoken sentences for Twilio {@code <Say>}, options as "按1…". */
  VOICE,
  /** The large-font kiosk in the community hall: short form, detail, buttons, sources. */
  KIOSK,
  /** Web chat: like WeChat. */
  WEB
}
