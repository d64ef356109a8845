package org.linli.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.linli.conversation.ConversationMessages;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live events across the nodes of a cluster through PostgreSQL LISTEN/NOTIFY.
 *
 * <p>A node delivers its own events to its own clients at once (as the in-memory implementation
 * does) and announces them to the other nodes with {@code pg_notify}. The announcement carries ids
 * and codes only — never a message text or a name: a receiving node that has a client for the
 * conversation reads the message back from the database. One dedicated connection per node, opened
 * outside the pool, listens; when it breaks it is opened again after a short wait. Events sent
 * while a node was not listening are not replayed: its clients redraw from the database when they
 * reconnect, as they do after any interruption.
 *
 * <p>The channel is named after the database schema, so that several deployments (or test runs)
 * sharing one database do not hear each other.
 */
class PostgresLiveEvents implements LiveEvents, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PostgresLiveEvents.class);
  private static final long POLL_MILLIS = 5_000;

  /**
   * How long the notifier gathers events after the first before it sends them: a turn publishes
   * two or more, and at a few hundred turns a second one statement per gathering replaces about one
   * per turn (docs/performance.md). Other nodes' staff see a message this much later.
   */
  static final Duration GATHER = Duration.ofMillis(10);

  /** How to open the listening connection (outside the pool: it is held for the node's life). */
  record ListenerConnection(String url, String username, String password) {}

  private final InMemoryLiveEvents local = new InMemoryLiveEvents();
  private final String node = UUID.randomUUID().toString().substring(0, 8);
  private final DataSource dataSource;
  private final ListenerConnection listener;
  private final ClusterNotices notices;
  private final Duration reconnectDelay;
  private final String channel;
  private final ExecutorService dispatch =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("live-dispatch").daemon().factory());
  private final Thread listenerThread;
  private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>(100_000);
  private final Thread notifierThread;
  private volatile boolean running = true;
  private volatile Connection listening;
  private volatile boolean listeningNow;
  private final java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();

  PostgresLiveEvents(
      DataSource dataSource,
      ListenerConnection listener,
      ConversationMessages messages,
      JsonMapper json,
      Duration reconnectDelay) {
    this.dataSource = dataSource;
    this.listener = listener;
    this.notices = new ClusterNotices(node, local, messages, json);
    this.reconnectDelay = reconnectDelay;
    this.channel = channelFor(currentSchema(dataSource));
    this.listenerThread = Thread.ofPlatform().name("live-listener").daemon().start(this::listen);
    this.notifierThread = Thread.ofPlatform().name("live-notifier").daemon().start(this::sendNotifications);
    log.info("event=live_transport transport=postgres channel={} node={}", channel, node);
  }

  /** Whether the listening connection is open (for health checks and tests). */
  boolean listening() {
    return listeningNow;
  }

  /** How many times the listening connection was opened. */
  int connects() {
    return connects.get();
  }

  /** The listening connection's application name, which operators see in pg_stat_activity. */
  String applicationName() {
    return "linli-live-" + node;
  }

  @Override
  public void publish(String topic, Object event) {
    local.publish(topic, event);
    String payload = notices.encode(event);
    if (payload != null) {
      notify(payload);
    }
  }

  @Override
  public Subscription subscribe(String topic, Consumer<Object> listener, Runnable onShutdown) {
    return local.subscribe(topic, listener, onShutdown);
  }

  /**
   * Queued for the notifier thread: publishers call after their commit but while their request
   * still holds its pooled connection, and taking a second one there starves the pool under load
   * (every connection held by a request waiting for another). The notifier sends what gathered
   * within {@link #GATHER} of the first in one statement, on a connection of its own, in order.
   */
  private void notify(String payload) {
    if (!outgoing.offer(payload)) {
      log.warn("event=live_notify_dropped reason=queue_full");
    }
  }

  private void sendNotifications() {
    List<String> batch = new ArrayList<>();
    while (running || !outgoing.isEmpty()) {
      try {
        String first = outgoing.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        // a burst arriving now goes out together (a shutdown does not wait for it)
        if (running) {
          Thread.sleep(GATHER);
        }
        outgoing.drainTo(batch, 500);
        try (Connection c = dataSource.getConnection();
            PreparedStatement s =
                c.prepareStatement("select pg_notify(?, p) from unnest(?::text[]) with ordinality as t(p, i) order by i")) {
          if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
          }
          s.setString(1, channel);
          s.setArray(2, c.createArrayOf("text", batch.toArray()));
          s.execute();
        }
      } catch (SQLException | RuntimeException e) {
        // the changes are committed; only other nodes' live views miss them until they redraw
        log.warn("event=live_notify_failed events={} error={}", batch.size(), e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void listen() {
    while (running) {
      Properties props = new Properties();
      props.setProperty("user", listener.username());
      props.setProperty("password", listener.password());
      props.setProperty("ApplicationName", applicationName());
      try (Connection c = DriverManager.getConnection(listener.url(), props)) {
        listening = c;
        try (Statement s = c.createStatement()) {
          s.execute("listen \"" + channel + "\"");
        }
        listeningNow = true;
        connects.incrementAndGet();
        log.info("event=live_listening channel={} node={}", channel, node);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = pg.getNotifications((int) POLL_MILLIS);
          if (received == null || received.length == 0) {
            // a quiet minute must not hide a dead connection
            try (Statement s = c.createStatement()) {
              s.execute("select 1");
            }
            continue;
          }
          for (PGNotification n : received) {
            String payload = n.getParameter();
            dispatch.execute(() -> notices.receive(payload));
          }
        }
      } catch (SQLException | RuntimeException e) {
        listeningNow = false;
        if (running) {
          log.warn("event=live_listener_lost error={} retry_in={}", e.toString(), reconnectDelay);
          pause();
        }
      } finally {
        listeningNow = false;
        listening = null;
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(reconnectDelay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Ends every open stream first thing at shutdown, before the web server waits for requests. */
  @EventListener(ContextClosedEvent.class)
  void shutdown() {
    local.shutdown();
  }

  @Override
  public void close() {
    running = false;
    Connection c = listening;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    listenerThread.interrupt();
    try {
      notifierThread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dispatch.shutdown();
    try {
      dispatch.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String currentSchema(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("select current_schema()")) {
      return rs.next() && rs.getString(1) != null ? rs.getString(1) : "public";
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database schema for live events", e);
    }
  }

  static String channelFor(String schema) {
    String name = "linli_live_" + schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return name.length() > 63 ? name.substring(0, 63) : name;
  }
}
