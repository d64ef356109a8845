package org.linli.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Live events within one node. */
@Component
class InMemoryLiveEvents implements LiveEvents {

  private static final Logger log = LoggerFactory.getLogger(InMemoryLiveEvents.class);

  private final Map<String, Set<Consumer<Object>>> listeners = new ConcurrentHashMap<>();

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

  @Override
  public Subscription subscribe(String topic, Consumer<Object> listener) {
    listeners.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(listener);
    return () ->
        listeners.computeIfPresent(
            topic,
            (t, set) -> {
              set.remove(listener);
              return set.isEmpty() ? null : set;
            });
  }
}
