package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.linli.OwnPostgresSchema;
import org.linli.channels.wechat.CustomerServiceWindow;
import org.linli.channels.wechat.WeChatProperties;
import org.linli.channels.wechat.WeChatStore;
import org.linli.privacy.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;

/** The WeChat tables and their SQL on PostgreSQL (127.0.0.1:5432), in a schema of their own. */
@OwnPostgresSchema
class PostgresWeChatTest extends WeChatTestBase {
  @Autowired WeChatStore store;
  @Autowired CustomerServiceWindow window;
  @Autowired PersonalData personalData;
  @Autowired WeChatProperties properties;
  @Autowired Clock clock;

  @Test
  void aRetriedPlaceIsOneTurnAndOneEvidenceRow() throws Exception {
    String openId = newOpenId();
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "路灯坏了", WeChatRequests.nextMsgId())));
    long msgId = WeChatRequests.nextMsgId();
    String xml = WeChatRequests.location(openId, "幸福小区3号楼", msgId);

    String first = WeChatRequests.replyText(ok(WeChatRequests.plain(xml)));
    String retry = WeChatRequests.replyText(ok(WeChatRequests.plain(xml)));

    assertThat(retry).isEqualTo(first).contains("电话");
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
    assertThat(evidenceRows(msgId)).isEqualTo(1);
  }

  /**
   * Deliveries of one photo at the same moment: all but one find the message taken by another's
   * transaction, which PostgreSQL then refuses to go on with; each runs again and answers with the
   * stored turn.
   */
  @Test
  void photosDeliveredAgainAtTheSameMomentAreOneTurnAndOneEvidenceRowAndAllAnswered()
      throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String xml = WeChatRequests.image(openId, msgId);
    List<Callable<String>> attempts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      attempts.add(() -> WeChatRequests.replyText(ok(WeChatRequests.plain(xml))));
    }
    List<String> replies = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(4)) {
      for (var f : pool.invokeAll(attempts)) {
        replies.add(f.get());
      }
    }

    assertThat(replies).allSatisfy(r -> assertThat(r).isEqualTo(replies.getFirst()).isNotBlank());
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
    assertThat(evidenceRows(msgId)).isEqualTo(1);
    assertThat(window.status(openId).open()).isTrue();
  }

  @Autowired WeChatEvidence evidence;

  @Test
  void aPhotoSentForAnOrderIsStoredAndReadBackWhole() throws Exception {
    String openId = newOpenId();
    long first = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "转人工", first)));
    String mediaId = "pg-media-" + openId;
    byte[] photo = WeChatEvidenceTest.jpeg(1_200_000, 5);
    STUB.media(mediaId, photo);
    long msgId = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.image(openId, msgId, mediaId)));

    evidence.fetchDue();

    long orderId =
        jdbc.sql("select work_order_id from wechat_evidence where external_id = ?")
            .param(String.valueOf(msgId))
            .query(Long.class)
            .single();
    long evidenceId =
        jdbc.sql("select id from wechat_evidence where external_id = ?")
            .param(String.valueOf(msgId))
            .query(Long.class)
            .single();
    assertThat(evidence.photo(orderId, evidenceId))
        .hasValueSatisfying(p -> {
          assertThat(p.contentType()).isEqualTo("image/jpeg");
          assertThat(p.bytes()).isEqualTo(photo);
        });
    assertThat(evidence.forOrder(orderId)).singleElement()
        .satisfies(item -> assertThat(item.photoStored()).isTrue());
  }

  @Test
  void theWindowKeysAndDeferralsWork() {
    String openId = newOpenId();
    store.inbound(openId, clock.instant());
    store.sent(openId, clock.instant());
    assertThat(window.status(openId).remaining()).isEqualTo(properties.windowQuota() - 1);
    store.unsubscribed(openId, clock.instant());
    assertThat(window.status(openId).state()).isEqualTo(CustomerServiceWindow.State.UNSUBSCRIBED);

    assertThat(store.claim("pg-key-" + openId, clock.instant())).isTrue();
    assertThat(store.claim("pg-key-" + openId, clock.instant())).isFalse();
    assertThat(store.defer("pg-msg-" + openId, clock.instant())).isTrue();
    assertThat(store.defer("pg-msg-" + openId, clock.instant())).isFalse();
    assertThat(store.deferred("pg-msg-" + openId)).isTrue();
  }

  @Test
  void theTokenAndItsLeaseWork() throws Exception {
    JdbcAccessTokenStore a = new JdbcAccessTokenStore(jdbc, personalData, properties, clock);
    JdbcAccessTokenStore b = new JdbcAccessTokenStore(jdbc, personalData, properties, clock);
    a.expire();
    Lock lockA = a.refreshLock();
    assertThat(lockA.tryLock(100, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(b.refreshLock().tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
    a.save("pg-token", clock.instant().plusSeconds(600));
    lockA.unlock();

    assertThat(b.current()).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo("pg-token"));
  }

  private int evidenceRows(long msgId) {
    return jdbc.sql("select count(*) from wechat_evidence where external_id = ?")
        .param(String.valueOf(msgId))
        .query(Integer.class)
        .single();
  }
}
