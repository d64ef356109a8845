package org.linli.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Live events within one node: the embedded default, and the local fan-out of the clustered
 * implementation.
 */
class InMemoryLiveEvents implements LiveEvents {

  private static final Logger log = LoggerFactory.getLogger(InMemoryLiveEvents.class);

  private final Map<String, Set<Consumer<Object>>> listeners = new ConcurrentHashMap<>();
  private final Set<Runnable> shutdownHooks = ConcurrentHashMap.newKeySet();

  @Override
  public void publish(String topic, Object event) {
    for (Consumer<Object> listener : listeners.getOrDefault(topic, Set.of())) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        // one broken client must not stop the others
        log.debug("event=live_listener_failed topic={} error={}", topic, e.toString());
      }
    }
  }

  /** Whether anyone on this node listens to {@code topic}. */
  boolean hasListeners(String topic) {
    return listeners.containsKey(topic);
  }

  @Override
  public Subscription subscribe(String topic, Consumer<Object> listener, Runnable onShutdown) {
    listeners.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(listener);
    Runnable hook = onShutdown == null ? () -> {} : onShutdown;
    shutdownHooks.add(hook);
    return () -> {
      shutdownHooks.remove(hook);
      listeners.computeIfPresent(
          topic,
          (t, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
          });
    };
  }

  /** Ends every open stream first thing at shutdown, before the web server waits for requests. */
  @EventListener(ContextClosedEvent.class)
  void shutdown() {
    for (Runnable hook : List.copyOf(shutdownHooks)) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        log.debug("event=live_shutdown_hook_failed error={}", e.toString());
      }
    }
  }
}
