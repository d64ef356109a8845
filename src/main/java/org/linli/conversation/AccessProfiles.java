package org.linli.conversation;

import org.linli.accessibility.AccessProfile;
import org.linli.dialog.Channel;

/** The conversation's access profile, as the accessibility module defines it. */
final class AccessProfiles {

  /** Elder mode is the default on the phone and at the kiosk. */
  static String defaultFor(Channel channel) {
    return AccessProfile.defaultFor(toAccessibility(channel)).code();
  }

  /** One step slower and shorter than {@code code} (stays at the slowest). */
  static String slower(String code) {
    try {
      return AccessProfile.parse(code).slower().code();
    } catch (IllegalArgumentException unknown) {
      return AccessProfile.ELDER.slower().code();
    }
  }

  static org.linli.accessibility.Channel toAccessibility(Channel channel) {
    return switch (channel) {
      case WECHAT -> org.linli.accessibility.Channel.WECHAT;
      case SMS -> org.linli.accessibility.Channel.SMS;
      case VOICE -> org.linli.accessibility.Channel.VOICE;
      case KIOSK -> org.linli.accessibility.Channel.KIOSK;
      case WEB, SHELL -> org.linli.accessibility.Channel.WEB;
    };
  }

  private AccessProfiles() {}
}
