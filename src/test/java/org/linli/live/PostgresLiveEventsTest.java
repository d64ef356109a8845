package org.linli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.handoff.TicketEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live-events contract on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}),
 * each run in a schema of its own; and a node survives its listening connection being cut.
 */
class PostgresLiveEventsTest extends LiveEventsContract<PostgresLiveEvents> {

  static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = System.getenv().getOrDefault("LINLI_TEST_PG_USER", "postgres");

  private final String schema = "linli_live_test_" + UUID.randomUUID().toString().replace("-", "");
  private final JdbcClient admin = JdbcClient.create(new DriverManagerDataSource(BASE, USER, ""));

  @BeforeEach
  void twoNodes() {
    admin.sql("create schema " + schema).update();
    String url = BASE + "?currentSchema=" + schema;
    nodeA = node(url);
    nodeB = node(url);
    await().atMost(Duration.ofSeconds(30)).until(() -> nodeA.listening() && nodeB.listening());
  }

  private PostgresLiveEvents node(String url) {
    return new PostgresLiveEvents(
        new DriverManagerDataSource(url, USER, ""),
        new PostgresLiveEvents.ListenerConnection(url, USER, ""),
        null,
        JsonMapper.builder().build(),
        Duration.ofMillis(200));
  }

  @AfterEach
  void stop() {
    nodeA.close();
    nodeB.close();
    admin.sql("drop schema if exists " + schema + " cascade").update();
  }

  @Test
  void aNodeWhoseListeningConnectionWasCutHearsTheOthersAgain() {
    List<TicketEvent> seenOnB = new CopyOnWriteArrayList<>();
    nodeB.subscribe(LiveEvents.TICKETS, e -> seenOnB.add((TicketEvent) e), null);

    // what a database restart or a network cut does to the listening connection
    assertThat(
            admin.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")
                .param(nodeB.applicationName())
                .query(Boolean.class)
                .list())
        .containsExactly(true);
    await().atMost(Duration.ofSeconds(30)).until(() -> nodeB.connects() >= 2 && nodeB.listening());

    nodeA.publish(LiveEvents.TICKETS, claimed("GD-2"));
    await().atMost(Duration.ofSeconds(20)).until(() -> seenOnB.size() == 1);
    assertThat(seenOnB.getFirst().number()).isEqualTo("GD-2");
  }

  @Test
  void aPublisherStillHoldingItsPooledConnectionDoesNotWaitForAnother() throws Exception {
    String url = BASE + "?currentSchema=" + schema;
    var config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(USER);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(1_000);
    try (var pool = new com.zaxxer.hikari.HikariDataSource(config)) {
      PostgresLiveEvents busyNode =
          new PostgresLiveEvents(
              pool,
              new PostgresLiveEvents.ListenerConnection(url, USER, ""),
              null,
              JsonMapper.builder().build(),
              Duration.ofMillis(200));
      try {
        List<TicketEvent> seenOnB = new CopyOnWriteArrayList<>();
        nodeB.subscribe(LiveEvents.TICKETS, e -> seenOnB.add((TicketEvent) e), null);
        // after the commit, the request's connection is still checked out: the pool is empty
        try (java.sql.Connection held = pool.getConnection()) {
          long start = System.nanoTime();
          busyNode.publish(LiveEvents.TICKETS, claimed("GD-3"));
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
          assertThat(held.isValid(1)).isTrue();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> seenOnB.size() == 1);
      } finally {
        busyNode.close();
      }
    }
  }
}
