package org.linli.resident;

/**
 * How a resident is known on a channel. A phone number is one identity across SMS and voice, so a
 * case started by text can be continued by phone.
 */
public enum IdentityKind {
  PHONE,
  WECHAT_OPENID;

  String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
