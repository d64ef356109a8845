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
import org.junit.jupiter.api.Test;
import org.linli.handoff.TicketEvent;
import org.linli.handoff.TicketStatus;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two nodes' live events over the machine's Redis (127.0.0.1:6379), each node with connections of
 * its own, on a channel of its own per run: a change on one node reaches the consoles of the
 * other, once, and carries no personal text over the wire.
 */
class RedisLiveEventsTest {

  private final String channel = "linli-live-test-" + UUID.randomUUID();
  private final List<LettuceConnectionFactory> factories = new CopyOnWriteArrayList<>();
  private RedisLiveEvents nodeA;
  private RedisLiveEvents nodeB;
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

  private static TicketEvent claimed(String number) {
    return new TicketEvent(
        number, "conv-1", "civil_affairs", "message", TicketStatus.IN_PROGRESS, "wang", "王芳", "您好，已为您登记");
  }

  @Test
  void aConsoleOnOneNodeSeesAWorkOrderChangeMadeOnTheOther() {
    List<TicketEvent> seenOnB = new CopyOnWriteArrayList<>();
    List<TicketEvent> seenOnA = new CopyOnWriteArrayList<>();
    nodeB.subscribe(LiveEvents.TICKETS, e -> seenOnB.add((TicketEvent) e), null);
    nodeA.subscribe(LiveEvents.TICKETS, e -> seenOnA.add((TicketEvent) e), null);

    nodeA.publish(LiveEvents.TICKETS, claimed("GD-1"));

    await().atMost(Duration.ofSeconds(20)).until(() -> seenOnB.size() == 1);
    TicketEvent remote = seenOnB.getFirst();
    assertThat(remote.number()).isEqualTo("GD-1");
    assertThat(remote.status()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(remote.department()).isEqualTo("civil_affairs");
    assertThat(remote.actor()).isEqualTo("wang");
    // ids and codes only travel between nodes: never the reply's text nor a person's name
    assertThat(remote.text()).isNull();
    assertThat(remote.actorName()).isNull();
    await().atMost(Duration.ofSeconds(20)).until(() -> onTheWire.size() == 1);
    assertThat(onTheWire.getFirst()).contains("GD-1").doesNotContain("王芳").doesNotContain("您好");
    // the publishing node's own consoles get the full event once, not a second copy from Redis
    assertThat(seenOnA).hasSize(1);
    assertThat(seenOnA.getFirst().text()).isEqualTo("您好，已为您登记");
  }

  @Test
  void changesMadeOnBothNodesReachEachOtherInTheOrderTheyWereMade() {
    List<String> seenOnA = new CopyOnWriteArrayList<>();
    List<String> seenOnB = new CopyOnWriteArrayList<>();
    nodeA.subscribe(LiveEvents.TICKETS, e -> seenOnA.add(((TicketEvent) e).number()), null);
    nodeB.subscribe(LiveEvents.TICKETS, e -> seenOnB.add(((TicketEvent) e).number()), null);

    for (int i = 0; i < 20; i++) {
      nodeA.publish(LiveEvents.TICKETS, claimed("A-" + i));
      nodeB.publish(LiveEvents.TICKETS, claimed("B-" + i));
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> seenOnA.size() == 40 && seenOnB.size() == 40);
    assertThat(seenOnB.stream().filter(n -> n.startsWith("A-")).toList())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "A-" + i).toList());
    assertThat(seenOnA.stream().filter(n -> n.startsWith("B-")).toList())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "B-" + i).toList());
  }
}
