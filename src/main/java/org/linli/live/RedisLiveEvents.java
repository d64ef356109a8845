package org.linli.live;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.linli.conversation.ConversationMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live events across the nodes of a cluster through Redis pub/sub ({@code
 * linli.live.transport=redis}): for deployments that already run Redis, or whose PostgreSQL sits
 * behind a pooler that does not pass LISTEN through (PgBouncer in transaction mode).
 *
 * <p>As with PostgreSQL, a node delivers its own events to its own clients at once and announces
 * them (ids and codes only, see {@link ClusterNotices}) on one channel; the others pass them to
 * their clients. Spring's listener container keeps the subscription and subscribes again after the
 * connection to Redis was lost; events sent meanwhile are not replayed (clients redraw from the
 * database when they reconnect). Publishing happens on a thread of its own, so a slow or absent
 * Redis never holds up a resident's request.
 */
class RedisLiveEvents implements LiveEvents, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisLiveEvents.class);

  private final InMemoryLiveEvents local = new InMemoryLiveEvents();
  private final String node = UUID.randomUUID().toString().substring(0, 8);
  private final String channel;
  private final ClusterNotices notices;
  private final StringRedisTemplate redis;
  private final RedisMessageListenerContainer container;
  private final ExecutorService sender =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(100_000),
          Thread.ofPlatform().name("live-redis-publisher").daemon().factory(),
          (task, pool) -> log.warn("event=live_notify_dropped reason=queue_full"));
  private final ExecutorService dispatch =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("live-dispatch").daemon().factory());

  RedisLiveEvents(
      RedisConnectionFactory connections, String channel, ConversationMessages messages, JsonMapper json) {
    this.channel = channel;
    this.notices = new ClusterNotices(node, local, messages, json);
    this.redis = new StringRedisTemplate(connections);
    this.container = new RedisMessageListenerContainer();
    container.setConnectionFactory(connections);
    container.setTaskExecutor(dispatch::execute);
    container.addMessageListener(
        (message, pattern) -> notices.receive(new String(message.getBody(), StandardCharsets.UTF_8)),
        new ChannelTopic(channel));
    container.afterPropertiesSet();
    container.start();
    log.info("event=live_transport transport=redis channel={} node={}", channel, node);
  }

  /** Whether the subscription is in place (for tests and health). */
  boolean listening() {
    return container.isListening();
  }

  @Override
  public void publish(String topic, Object event) {
    local.publish(topic, event);
    String payload = notices.encode(event);
    if (payload != null) {
      sender.execute(
          () -> {
            try {
              redis.convertAndSend(channel, payload);
            } catch (RuntimeException e) {
              // the change is committed; only other nodes' live views miss it until they redraw
              log.warn("event=live_notify_failed transport=redis error={}", e.toString());
            }
          });
    }
  }

  @Override
  public Subscription subscribe(String topic, Consumer<Object> listener, Runnable onShutdown) {
    return local.subscribe(topic, listener, onShutdown);
  }

  /** Ends every open stream first thing at shutdown, before the web server waits for requests. */
  @EventListener(ContextClosedEvent.class)
  void shutdown() {
    local.shutdown();
  }

  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      container.stop();
      container.destroy();
    } catch (Exception e) {
      log.debug("event=live_redis_stop_failed error={}", e.toString());
    }
    dispatch.shutdown();
  }
}
