package org.linli.wechat;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.bean.menu.WxMenuButton;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.linli.channels.wechat.WeChatClients;
import org.linli.channels.wechat.WeChatMenu;
import org.linli.channels.wechat.WeChatProperties;
import org.linli.channels.wechat.WeChatSimulator;
import org.linli.cli.CommandStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/** {@code wechat} commands: push the custom menu, and play WeChat against a running service. */
@Component
class WeChatCommands {

  private final ObjectProvider<WxMpService> services;
  private final WeChatProperties properties;
  private final CommandStatus status;
  private final Clock clock;

  WeChatCommands(
      ObjectProvider<WxMpService> services,
      WeChatProperties properties,
      CommandStatus status,
      Clock clock) {
    this.services = services;
    this.properties = properties;
    this.status = status;
    this.clock = clock;
  }

  @Command(
      name = {"wechat", "menu", "show"},
      description = "Print the official account's custom menu (what 'wechat menu push' sends).")
  void show(CommandContext context) {
    PrintWriter out = context.outputWriter();
    print(WeChatMenu.menu(), out);
    out.println(WeChatMenu.menu().toJson());
    out.flush();
    status.report(0);
  }

  @Command(
      name = {"wechat", "menu", "push"},
      description = "Replace the official account's custom menu with Linli's (needs WECHAT_APP_ID"
          + " and WECHAT_SECRET).")
  void push(CommandContext context) {
    PrintWriter out = context.outputWriter();
    WxMpService service = services.getIfAvailable();
    if (service == null) {
      System.err.println("WECHAT_APP_ID and WECHAT_SECRET must be set to push the menu.");
      status.report(2);
      return;
    }
    WxMenu menu = WeChatMenu.menu();
    try {
      try {
        service.getMenuService().menuCreate(menu);
      } catch (DataAccessException e) {
        // The embedded H2 file is locked by a running server, or the schema is not there yet: use
        // a token of this command's own. Running nodes get WeChat's "token invalid" on their next
        // call and refresh the shared one by themselves.
        System.err.println(
            "The shared access token is not reachable in the database; using a token of this"
                + " command's own.");
        WeChatClients.service(
                WeChatClients.config(properties, WeChatClients.inMemoryTokens(), clock))
            .getMenuService()
            .menuCreate(menu);
      }
    } catch (WxErrorException e) {
      System.err.println(
          "WeChat refused the menu: errcode=" + e.getError().getErrorCode() + " "
              + e.getError().getErrorMsg());
      status.report(1);
      return;
    } catch (WxRuntimeException e) {
      System.err.println("WeChat could not be reached: " + e.getMessage());
      status.report(1);
      return;
    }
    out.println("Menu pushed:");
    print(menu, out);
    out.flush();
    status.report(0);
  }

  @Command(
      name = {"wechat", "send"},
      description =
          "Send a signed message to a running service as WeChat would, and print the reply."
              + " Example: wechat send --openid o123 \"高龄津贴怎么申请\" --aes")
  void send(
      @Argument(index = 0, description = "the message, in quotes") String text,
      @Option(longName = "openid", description = "the resident's openid", defaultValue = "o_simulator_1")
          String openId,
      @Option(
              longName = "url",
              description = "the service's WeChat endpoint",
              defaultValue = "http://localhost:8080/channels/wechat")
          String url,
      @Option(longName = "aes", description = "encrypt (safe mode)", defaultValue = "false")
          boolean aes,
      CommandContext context) {
    PrintWriter out = context.outputWriter();
    if (text == null || text.isBlank()) {
      System.err.println("Usage: wechat send --openid <id> \"<text>\" [--aes] [--url <endpoint>]");
      status.report(2);
      return;
    }
    if (!StringUtils.hasText(properties.token())) {
      System.err.println("Set WECHAT_TOKEN to the service's token to sign the message.");
      status.report(2);
      return;
    }
    if (aes && !StringUtils.hasText(properties.aesKey())) {
      System.err.println("Set WECHAT_AES_KEY (and WECHAT_APP_ID) to encrypt the message.");
      status.report(2);
      return;
    }
    WeChatSimulator simulator =
        new WeChatSimulator(properties.token(), properties.aesKey(), properties.appId());
    try {
      WeChatSimulator.Response response = simulator.sendText(URI.create(url), openId, text, aes);
      if (response.status() != 200) {
        System.err.println("The service answered HTTP " + response.status() + ".");
        status.report(1);
        return;
      }
      out.println(
          response.replyText() != null
              ? response.replyText()
              : "(" + response.body() + ": the reply comes later as a customer-service message)");
      out.flush();
      status.report(0);
    } catch (IOException e) {
      System.err.println("Could not reach " + url + ": " + e.getMessage());
      status.report(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status.report(1);
    }
  }

  private static void print(WxMenu menu, PrintWriter out) {
    for (WxMenuButton button : menu.getButtons()) {
      out.println("- " + button.getName() + (button.getKey() == null ? "" : "  [" + button.getKey() + "]"));
      for (WxMenuButton sub : button.getSubButtons()) {
        out.println("    - " + sub.getName() + "  [" + sub.getKey() + "]");
      }
    }
  }
}
