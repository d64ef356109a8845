package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A WeChat user sending faster than the resident limit is told so in a passive reply, in Chinese,
 * with the time to wait; the refused message is not stored, and other residents are still served.
 */
@TestPropertySource(properties = {
    "linli.rate-limit.policies.resident.capacity=2",
    "linli.rate-limit.policies.resident.period=PT1H"})
class WeChatRateLimitTest extends WeChatTestBase {

  @Test
  void aResidentSendingTooFastIsToldToWaitAndTheMessageIsNotStored() throws Exception {
    String openId = newOpenId();
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "高龄津贴怎么申请", WeChatRequests.nextMsgId())));
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "要带什么材料", WeChatRequests.nextMsgId())));

    long refusedId = WeChatRequests.nextMsgId();
    String refused = WeChatRequests.decryptedReplyText(
        ok(WeChatRequests.encrypted(WeChatRequests.text(openId, "还有别的吗", refusedId), false)));

    assertThat(refused).contains("您发送得太快了").contains("没有收到").containsPattern("请稍等\\d+分钟再发");
    assertThat(inbound(String.valueOf(refusedId))).isZero();

    // unfollowing is an event and always goes through
    ok(WeChatRequests.plain(WeChatRequests.event(openId, "unsubscribe", null, 1700000200L)));

    String other = newOpenId();
    String answer = WeChatRequests.replyText(
        ok(WeChatRequests.plain(WeChatRequests.text(other, "高龄津贴怎么申请", WeChatRequests.nextMsgId()))));
    assertThat(answer).doesNotContain("太快");
  }
}
