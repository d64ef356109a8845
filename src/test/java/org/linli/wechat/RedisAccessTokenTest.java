package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.WeChatClients;
import org.linli.channels.wechat.WeChatProperties;
import org.linli.privacy.PersonalData;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The access token shared through Redis ({@code linli.wechat.token-store=redis}), against the Redis
 * server on 127.0.0.1:6379; each run under an app id of its own.
 */
class RedisAccessTokenTest {

  static LettuceConnectionFactory connections;
  static StringRedisTemplate redis;
  static final WeChatApiStub STUB = new WeChatApiStub();
  static final PersonalData PERSONAL_DATA = new PersonalData(new byte[32]);
  final Clock clock = Clock.systemUTC();
  final WeChatProperties properties =
      new WeChatProperties(
          "wx-redis-" + UUID.randomUUID(), "secret", "token", null, Duration.ofMillis(4500), 65536,
          STUB.baseUrl(), "12345", Duration.ofHours(48), 20, null, "content", "redis",
          Duration.ofMinutes(5), 5_242_880);

  @BeforeAll
  static void connect() {
    connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
    connections.afterPropertiesSet();
    connections.start();
    redis = new StringRedisTemplate(connections);
  }

  @AfterAll
  static void close() {
    connections.destroy();
    STUB.close();
  }

  private RedisAccessTokenStore node() {
    return new RedisAccessTokenStore(redis, PERSONAL_DATA, properties, clock);
  }

  @Test
  void twoNodesSendingAtOnceFetchOneTokenBetweenThem() throws Exception {
    WxMpService a = WeChatClients.service(WeChatClients.config(properties, node(), clock));
    WxMpService b = WeChatClients.service(WeChatClients.config(properties, node(), clock));
    List<Callable<Boolean>> sends = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      WxMpService node = i % 2 == 0 ? a : b;
      sends.add(
          () ->
              node.getKefuService()
                  .sendKefuMessage(WxMpKefuMessage.TEXT().toUser("o-redis").content("hi").build()));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Boolean> f : pool.invokeAll(sends)) {
        assertThat(f.get()).isTrue();
      }
    }

    assertThat(STUB.tokensIssued()).isEqualTo(1);
    assertThat(STUB.customerServiceMessages())
        .hasSize(8)
        .allSatisfy(c -> assertThat(c.query()).contains("access_token=stub-token-1"));
    String stored = redis.opsForValue().get("linli:wechat:" + properties.appId() + ":access-token");
    assertThat(stored).doesNotContain("stub-token-1");
    assertThat(redis.getExpire("linli:wechat:" + properties.appId() + ":access-token"))
        .isPositive();
    node().expire();
  }

  @Test
  void theRefreshLockIsHeldByOneNodeAtATimeAndOnlyItsOwnerReleasesIt() throws Exception {
    RedisAccessTokenStore first = node();
    first.expire();
    Lock a = first.refreshLock();
    Lock b = node().refreshLock();

    assertThat(a.tryLock(100, TimeUnit.MILLISECONDS)).isTrue();
    b.unlock(); // not the owner: nothing happens
    assertThat(b.tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
    a.unlock();
    assertThat(b.tryLock(100, TimeUnit.MILLISECONDS)).isTrue();
    b.unlock();
  }
}
