package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.CustomerServiceWindow;
import org.linli.channels.wechat.WeChatProperties;
import org.linli.channels.wechat.WeChatSender;
import org.linli.channels.wechat.WeChatSender.Result;
import org.linli.channels.wechat.WeChatStore;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Messages sent outside the HTTP answer (late replies, staff replies, notifications) respect the
 * 48-hour customer-service window and its quota, fall back to a template where one is configured,
 * and go out once per idempotency key. What goes out is read from the stub of WeChat's API.
 */
class WeChatSenderTest extends WeChatTestBase {

  @Autowired WeChatSender sender;
  @Autowired WeChatStore store;
  @Autowired CustomerServiceWindow window;
  @Autowired WxMpService service;
  @Autowired WeChatProperties properties;
  @Autowired Clock clock;

  @Test
  void aResidentWhoWroteRecentlyGetsACustomerServiceMessage() {
    String openId = newOpenId();
    store.inbound(openId, clock.instant().minus(Duration.ofHours(47)));

    assertThat(sender.send(openId, "张师傅明天上午来修。", "k-" + openId)).isEqualTo(Result.SENT);

    assertThat(STUB.customerServiceMessages()).singleElement().satisfies(call -> {
      assertThat(call.body()).contains("\"touser\":\"" + openId + "\"").contains("张师傅明天上午来修");
      assertThat(call.query()).contains("access_token=");
    });
  }

  @Test
  void theSameIdempotencyKeyIsSentOnlyOnce() {
    String openId = newOpenId();
    store.inbound(openId, clock.instant());

    assertThat(sender.send(openId, "已受理。", "once-" + openId)).isEqualTo(Result.SENT);
    assertThat(sender.send(openId, "已受理。", "once-" + openId)).isEqualTo(Result.ALREADY_SENT);

    assertThat(STUB.customerServiceMessages()).hasSize(1);
  }

  @Test
  void someoneWhoNeverWroteOrWroteOverTwoDaysAgoMustBePhoned() {
    String never = newOpenId();
    String old = newOpenId();
    store.inbound(old, clock.instant().minus(Duration.ofHours(49)));

    assertThat(sender.send(never, "你好", "n-" + never)).isEqualTo(Result.CONTACT_BY_PHONE);
    assertThat(sender.send(old, "你好", "o-" + old)).isEqualTo(Result.CONTACT_BY_PHONE);
    assertThat(sender.notify(old, "已办结", "p-" + old)).isEqualTo(Result.CONTACT_BY_PHONE);
    assertThat(window.status(old).state()).isEqualTo(CustomerServiceWindow.State.CLOSED);
    assertThat(STUB.customerServiceMessages()).isEmpty();
  }

  @Test
  void theWindowsQuotaIsCountedAndANewMessageFromTheResidentRenewsIt() {
    String openId = newOpenId();
    CustomerServiceWindow small = new CustomerServiceWindow(store, Duration.ofHours(48), 2, clock);
    store.inbound(openId, clock.instant().minusSeconds(60));
    store.sent(openId, clock.instant());
    assertThat(small.status(openId).remaining()).isEqualTo(1);
    store.sent(openId, clock.instant());
    assertThat(small.status(openId).state()).isEqualTo(CustomerServiceWindow.State.QUOTA_USED);

    store.inbound(openId, clock.instant());

    assertThat(small.status(openId).state()).isEqualTo(CustomerServiceWindow.State.OPEN);
    assertThat(small.status(openId).remaining()).isEqualTo(2);
    assertThat(small.status(openId).closesAt()).isAfter(clock.instant().plus(Duration.ofHours(47)));
  }

  @Test
  void aLateRetryOfAnOlderMessageNeitherMovesTheWindowBackNorRefillsTheQuota() {
    String openId = newOpenId();
    CustomerServiceWindow small = new CustomerServiceWindow(store, Duration.ofHours(48), 2, clock);
    store.inbound(openId, clock.instant());
    store.sent(openId, clock.instant());

    store.inbound(openId, clock.instant().minus(Duration.ofHours(47)));

    assertThat(small.status(openId).remaining()).isEqualTo(1);
    assertThat(small.status(openId).closesAt()).isAfter(clock.instant().plus(Duration.ofHours(47)));
  }

  @Test
  void nothingIsSentToSomeoneWhoUnfollowed() {
    String openId = newOpenId();
    store.inbound(openId, clock.instant());
    store.unsubscribed(openId, clock.instant());

    assertThat(sender.notify(openId, "已办结", "u-" + openId)).isEqualTo(Result.UNSUBSCRIBED);
    assertThat(STUB.calls("/cgi-bin/message/custom/send")).isEmpty();
  }

  @Test
  void outsideTheWindowANotificationGoesAsATemplateWhereOneIsConfigured() {
    String openId = newOpenId();
    store.inbound(openId, clock.instant().minus(Duration.ofDays(5)));
    WeChatSender withTemplate =
        new WeChatSender(service, window, store, withTemplate(properties, "TPL-123"), clock);

    assertThat(withTemplate.notify(openId, "您反映的路灯已修好。", "t-" + openId))
        .isEqualTo(Result.SENT_AS_TEMPLATE);
    // a staff reply is not a notification: it waits for the resident to write
    assertThat(withTemplate.send(openId, "请问几点在家？", "s-" + openId))
        .isEqualTo(Result.CONTACT_BY_PHONE);

    assertThat(STUB.calls("/cgi-bin/message/template/send")).singleElement().satisfies(call ->
        assertThat(call.body())
            .contains("\"template_id\":\"TPL-123\"")
            .contains("\"client_msg_id\":\"t-" + openId + "\"")
            .contains("您反映的路灯已修好"));
    assertThat(STUB.customerServiceMessages()).isEmpty();
  }

  @Test
  void whenWeChatSaysTheWindowIsClosedStaffAreToldToPhoneAndTheKeyIsFreedForLater() {
    String openId = newOpenId();
    store.inbound(openId, clock.instant());
    STUB.failWith(
        "/cgi-bin/message/custom/send", "{\"errcode\":45015,\"errmsg\":\"response out of time limit\"}");

    assertThat(sender.send(openId, "你好", "w-" + openId)).isEqualTo(Result.CONTACT_BY_PHONE);

    STUB.reset();
    assertThat(sender.send(openId, "你好", "w-" + openId)).isEqualTo(Result.SENT);
  }

  @Test
  void anUnreachableWeChatIsARetryableFailure() {
    String openId = newOpenId();
    store.inbound(openId, clock.instant());
    STUB.failWith("/cgi-bin/message/custom/send", "{\"errcode\":-1,\"errmsg\":\"system busy\"}");

    Result result = sender.send(openId, "你好", "f-" + openId);

    assertThat(result).isEqualTo(Result.FAILED);
    assertThat(result.retryable()).isTrue();
  }

  static WeChatProperties withTemplate(WeChatProperties p, String templateId) {
    return new WeChatProperties(
        p.appId(), p.secret(), p.token(), p.aesKey(), p.passiveBudget(), p.maxBodyBytes(),
        p.apiHost(), p.helpPhone(), p.windowLength(), p.windowQuota(), templateId,
        p.templateField(), p.tokenStore(), p.maxRequestAge(), p.mediaMaxBytes());
  }

  static Instant now() {
    return Instant.now();
  }
}
