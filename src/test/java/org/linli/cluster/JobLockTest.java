package org.linli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two nodes' schedules fire at the same moment: the job runs on one of them only, the other skips
 * the round, and the next round runs again once the lease is over. On H2 and on the machine's
 * PostgreSQL (a schema of its own per run).
 */
class JobLockTest {

  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = System.getenv().getOrDefault("LINLI_TEST_PG_USER", "postgres");

  private final String schema = "linli_lock_test_" + UUID.randomUUID().toString().replace("-", "");
  private boolean postgres;
  // not the common pool: on a 2-core machine it has one thread, and the two nodes would take turns
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    volatile Instant now = Instant.parse("2025-06-02T02:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private DataSource database(String kind) {
    DataSource ds;
    if (kind.equals("postgres")) {
      postgres = true;
      JdbcClient.create(new DriverManagerDataSource(PG, PG_USER, "")).sql("create schema " + schema).update();
      ds = new DriverManagerDataSource(PG + "?currentSchema=" + schema, PG_USER, "");
      Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/migration").load().migrate();
    } else {
      ds = new DriverManagerDataSource("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa", "");
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }
    return ds;
  }

  @AfterEach
  void dropSchema() {
    threads.shutdownNow();
    if (postgres) {
      JdbcClient.create(new DriverManagerDataSource(PG, PG_USER, ""))
          .sql("drop schema if exists " + schema + " cascade")
          .update();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void twoNodesWhoseSchedulesFireTogetherDoTheWorkOnce(String kind) throws Exception {
    DataSource ds = database(kind);
    ManualClock clock = new ManualClock();
    JobLock nodeA = new JobLock(JdbcClient.create(ds), clock, "node-a");
    JobLock nodeB = new JobLock(JdbcClient.create(ds), clock, "node-b");
    AtomicInteger runs = new AtomicInteger();

    for (int round = 1; round <= 3; round++) {
      CountDownLatch bothTried = new CountDownLatch(1);
      Runnable job = () -> {
        runs.incrementAndGet();
        // the winner holds the lease while the other node tries
        try {
          bothTried.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
      CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(
          () -> nodeA.runExclusively("checks", Duration.ofMinutes(3), Duration.ofSeconds(54), job), threads);
      CompletableFuture<Boolean> onB = CompletableFuture.supplyAsync(
          () -> nodeB.runExclusively("checks", Duration.ofMinutes(3), Duration.ofSeconds(54), job), threads);
      // whichever returns first is the one that skipped: then let the winner finish
      CompletableFuture.anyOf(onA, onB).join();
      bothTried.countDown();
      assertThat(List.of(onA.join(), onB.join())).containsExactlyInAnyOrder(true, false);
      assertThat(runs.get()).isEqualTo(round);

      // a node whose schedule fires a little later in the same round skips it too
      clock.now = clock.now.plusSeconds(20);
      assertThat(nodeA.runExclusively("checks", Duration.ofMinutes(3), Duration.ofSeconds(54), job)).isFalse();
      assertThat(nodeB.runExclusively("checks", Duration.ofMinutes(3), Duration.ofSeconds(54), job)).isFalse();
      assertThat(runs.get()).isEqualTo(round);

      // the next round, one interval after this one, runs again
      clock.now = clock.now.plusSeconds(40);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aNodeThatDiedHoldingTheLeaseHoldsItNoLongerThanTheMaximum(String kind) {
    DataSource ds = database(kind);
    ManualClock clock = new ManualClock();
    JobLock dying = new JobLock(JdbcClient.create(ds), clock, "node-a");
    JobLock survivor = new JobLock(JdbcClient.create(ds), clock, "node-b");
    AtomicInteger runs = new AtomicInteger();
    // node A takes the lease and never gives it back (as if killed mid-run)
    JdbcClient.create(ds)
        .sql("insert into job_lock (name, locked_until, locked_at, locked_by) values ('checks', ?, ?, 'node-a')")
        .params(clock.now.plus(Duration.ofMinutes(3)).atOffset(ZoneOffset.UTC), clock.now.atOffset(ZoneOffset.UTC))
        .update();

    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(survivor.runExclusively("checks", Duration.ofMinutes(3), Duration.ofSeconds(54), runs::incrementAndGet)).isFalse();
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(survivor.runExclusively("checks", Duration.ofMinutes(3), Duration.ofSeconds(54), runs::incrementAndGet)).isTrue();
    assertThat(runs.get()).isEqualTo(1);
    assertThat(dying).isNotNull();
  }
}
