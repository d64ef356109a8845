package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.WeChatClients;
import org.linli.channels.wechat.WeChatProperties;
import org.linli.privacy.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every node uses one access token: fetched once by whichever node needs it first, kept in the
 * database, read by the others. Two "nodes" here are two stores and two WxJava clients over the
 * same database.
 */
class SharedAccessTokenTest extends WeChatTestBase {

  @Autowired PersonalData personalData;
  @Autowired WeChatProperties properties;
  @Autowired Clock clock;

  private JdbcAccessTokenStore node() {
    return new JdbcAccessTokenStore(jdbc, personalData, properties, clock);
  }

  private WxMpService client(JdbcAccessTokenStore store) {
    return WeChatClients.service(WeChatClients.config(properties, store, clock));
  }

  @Test
  void twoNodesSendingAtOnceFetchOneTokenBetweenThem() throws Exception {
    JdbcAccessTokenStore a = node();
    JdbcAccessTokenStore b = node();
    a.expire();
    int before = STUB.tokensIssued();
    WxMpService nodeA = client(a);
    WxMpService nodeB = client(b);
    List<Callable<Boolean>> sends = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      WxMpService node = i % 2 == 0 ? nodeA : nodeB;
      sends.add(
          () ->
              node.getKefuService()
                  .sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-token-test").content("hi").build()));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Boolean> f : pool.invokeAll(sends)) {
        assertThat(f.get()).isTrue();
      }
    }

    assertThat(STUB.tokensIssued() - before).isEqualTo(1);
    String token = "access_token=stub-token-" + STUB.tokensIssued();
    assertThat(STUB.customerServiceMessages()).hasSize(8).allSatisfy(c -> assertThat(c.query()).contains(token));
    assertThat(b.current()).isPresent();
  }

  @Test
  void aTokenWeChatCallsInvalidIsReplacedAndTheCallGoesThrough() throws Exception {
    JdbcAccessTokenStore a = node();
    a.save("stale-token", clock.instant().plusSeconds(3600));
    int before = STUB.tokensIssued();
    STUB.failOnceWith(
        "/cgi-bin/message/custom/send", "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");

    boolean sent =
        client(a)
            .getKefuService()
            .sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-stale").content("hi").build());

    assertThat(sent).isTrue();
    assertThat(STUB.tokensIssued() - before).isEqualTo(1);
    assertThat(STUB.customerServiceMessages().getFirst().query()).contains("access_token=stale-token");
    assertThat(STUB.customerServiceMessages().getLast().query())
        .contains("access_token=stub-token-" + STUB.tokensIssued());
  }

  @Test
  void theTokenIsStoredEncrypted() throws Exception {
    JdbcAccessTokenStore a = node();
    a.save("secret-token-value", clock.instant().plusSeconds(600));

    String stored =
        jdbc.sql("select token_enc from wechat_access_token").query(String.class).single();
    assertThat(stored).doesNotContain("secret-token-value");
    assertThat(node().current()).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo("secret-token-value"));
  }

  @Test
  void theRefreshLockIsHeldByOneNodeAtATime() throws Exception {
    node().expire();
    Lock a = node().refreshLock();
    Lock b = node().refreshLock();

    assertThat(a.tryLock(100, TimeUnit.MILLISECONDS)).isTrue();
    try {
      assertThat(b.tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
    } finally {
      a.unlock();
    }
    assertThat(b.tryLock(100, TimeUnit.MILLISECONDS)).isTrue();
    b.unlock();
  }

  @Test
  void aNodeThatWaitedForTheLockReadsTheNewTokenInsteadOfFetchingAnother() throws Exception {
    JdbcAccessTokenStore a = node();
    a.expire();
    Lock lock = a.refreshLock();
    assertThat(lock.tryLock(100, TimeUnit.MILLISECONDS)).isTrue();
    a.save("fresh", clock.instant().plusSeconds(600));
    lock.unlock();

    assertThat(node().refreshLock().tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
  }
}
