package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.WeChatMenu;

/**
 * WeChat retries a message it got no answer to (three attempts, 5 s apart), possibly on another
 * node: each message still makes one turn and one reply.
 */
class WeChatRetryTest extends WeChatTestBase {

  @Test
  void aRetriedMessageGetsTheSameReplyAndRunsOneTurn() throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String xml = WeChatRequests.text(openId, "高龄津贴怎么申请", msgId);

    String first = WeChatRequests.replyText(ok(WeChatRequests.plain(xml)));
    String retry = WeChatRequests.replyText(ok(WeChatRequests.plain(xml)));
    String encryptedRetry = WeChatRequests.decryptedReplyText(ok(WeChatRequests.encrypted(xml, false)));

    assertThat(retry).isEqualTo(first);
    assertThat(encryptedRetry).isEqualTo(first);
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
    assertThat(repliesTo(String.valueOf(msgId))).isEqualTo(1);
  }

  @Test
  void retriesArrivingAtTheSameMomentStillRunOneTurn() throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String xml = WeChatRequests.text(openId, "低保怎么申请", msgId);
    List<Callable<String>> attempts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      attempts.add(() -> WeChatRequests.replyText(ok(WeChatRequests.plain(xml))));
    }
    List<String> replies = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<String> f : pool.invokeAll(attempts)) {
        replies.add(f.get());
      }
    }

    assertThat(replies).allSatisfy(r -> assertThat(r).isEqualTo(replies.getFirst()).isNotBlank());
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
  }

  @Test
  void aRetriedMenuClickIsOneTurn() throws Exception {
    String openId = newOpenId();
    String click = WeChatRequests.event(openId, "CLICK", WeChatMenu.ASK, 1700000100L);
    int before = wechatMessages();

    String first = WeChatRequests.replyText(ok(WeChatRequests.plain(click)));
    String retry = WeChatRequests.replyText(ok(WeChatRequests.plain(click)));

    assertThat(retry).isEqualTo(first);
    assertThat(wechatMessages() - before).isEqualTo(2); // one in, one out
  }

  private int repliesTo(String externalId) {
    return jdbc.sql(
            "select count(*) from message where reply_to ="
                + " (select id from message where channel = 'wechat' and external_id = ?)")
        .param(externalId)
        .query(Integer.class)
        .single();
  }
}
