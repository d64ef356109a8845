package org.linli.channels.wechat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.bean.menu.WxMenuButton;
import org.linli.channels.ChannelMessages;

/**
 * The official account's custom menu: three plain entries (WeChat allows three), 问政策, 报事情
 * (with 查进度 under it) and 找人工. A click arrives as an event whose key maps to the token the
 * dialogue understands, so a click is exactly like typing the option.
 */
public final class WeChatMenu {

  public static final String ASK = "LINLI_ASK";
  public static final String REPORT = "LINLI_REPORT";
  public static final String STATUS = "LINLI_STATUS";
  public static final String PERSON = "LINLI_PERSON";

  private static final Map<String, String> TOKENS =
      Map.of(ASK, "@menu-ask", REPORT, "@menu-report", STATUS, "@menu-status", PERSON, "@person");

  private WeChatMenu() {}

  /** The dialogue token for a click's event key, if it is one of ours. */
  public static Optional<String> token(String eventKey) {
    return Optional.ofNullable(eventKey == null ? null : TOKENS.get(eventKey));
  }

  /** The menu, with names from the message bundle (Chinese). */
  public static WxMenu menu() {
    Locale zh = Locale.SIMPLIFIED_CHINESE;
    WxMenuButton report = new WxMenuButton();
    report.setName(ChannelMessages.get(zh, "wechat.menu.report"));
    report.setSubButtons(
        List.of(
            click(ChannelMessages.get(zh, "wechat.menu.reportNew"), REPORT),
            click(ChannelMessages.get(zh, "wechat.menu.status"), STATUS)));
    WxMenu menu = new WxMenu();
    menu.setButtons(
        List.of(
            click(ChannelMessages.get(zh, "wechat.menu.ask"), ASK),
            report,
            click(ChannelMessages.get(zh, "wechat.menu.person"), PERSON)));
    return menu;
  }

  private static WxMenuButton click(String name, String key) {
    WxMenuButton button = new WxMenuButton();
    button.setType(WxConsts.MenuButtonType.CLICK);
    button.setName(name);
    button.setKey(key);
    return button;
  }
}
