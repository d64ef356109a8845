package org.linli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live-events contract over the machine's Redis (127.0.0.1:6379), each node with connections
 * of its own, on a channel of its own per run; here the test also listens to the wire.
 */
class RedisLiveEventsTest extends LiveEventsContract<RedisLiveEvents> {

  private final String channel = "linli-live-test-" + UUID.randomUUID();
  private final List<LettuceConnectionFactory> factories = new CopyOnWriteArrayList<>();
  private RedisMessageListenerContainer wire;
  private final List<String> onTheWire = new CopyOnWriteArrayList<>();

  @BeforeEach
  void twoNodes() {
    nodeA = new RedisLiveEvents(connections(), channel, null, JsonMapper.builder().build());
    nodeB = new RedisLiveEvents(connections(), channel, null, JsonMapper.builder().build());
    wire = new RedisMessageListenerContainer();
    wire.setConnectionFactory(connections());
    wire.addMessageListener(
        (message, pattern) -> onTheWire.add(new String(message.getBody(), StandardCharsets.UTF_8)),
        new ChannelTopic(channel));
    wire.afterPropertiesSet();
    wire.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> nodeA.listening() && nodeB.listening() && wire.isListening());
  }

  private LettuceConnectionFactory connections() {
    LettuceConnectionFactory f = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
    f.afterPropertiesSet();
    f.start();
    factories.add(f);
    return f;
  }

  @AfterEach
  void stop() throws Exception {
    nodeA.close();
    nodeB.close();
    wire.destroy();
    factories.forEach(LettuceConnectionFactory::destroy);
  }

  @Override
  void wireCarriedNoPersonalText(String number) {
    await().atMost(Duration.ofSeconds(20)).until(() -> onTheWire.size() == 1);
    assertThat(onTheWire.getFirst()).contains(number).doesNotContain("王芳").doesNotContain("您好");
  }
}
