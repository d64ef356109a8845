package org.linli.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linli.PostgresTestSchemas;
import org.linli.channels.RateLimiter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two nodes behind a load balancer enforce one limit: a resident who spreads messages over both
 * nodes gets no more than the configured budget, also when the messages arrive at the same moment.
 * On H2 and on the machine's PostgreSQL (a schema of its own per run).
 */
class SharedBucketsTest {

  private final String schema = PostgresTestSchemas.newName("linli_bucket_test_");
  private boolean postgres;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  private DataSource database(String kind) {
    DataSource ds;
    if (kind.equals("postgres")) {
      postgres = true;
      ds = new DriverManagerDataSource(
          PostgresTestSchemas.URL + "?currentSchema=" + schema, PostgresTestSchemas.USER, "");
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
      PostgresTestSchemas.drop(schema);
    }
  }

  private static RateLimitProperties limits(long capacity) {
    return new RateLimitProperties(
        true, 0, Map.of("resident", new RateLimitProperties.Limit(capacity, Duration.ofHours(1))),
        RateLimitProperties.Store.DATABASE);
  }

  private static BucketRateLimiter node(DataSource ds, RateLimitProperties limits) {
    return new BucketRateLimiter(limits, new JdbcBucketStore(ds, Clock.systemUTC()), s -> s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void twoNodesShareOneBudgetPerResident(String kind) {
    DataSource ds = database(kind);
    BucketRateLimiter nodeA = node(ds, limits(4));
    BucketRateLimiter nodeB = node(ds, limits(4));

    assertThat(nodeA.tryConsume("resident:abc").allowed()).isTrue();
    assertThat(nodeB.tryConsume("resident:abc").allowed()).isTrue();
    assertThat(nodeA.tryConsume("resident:abc").allowed()).isTrue();
    assertThat(nodeB.tryConsume("resident:abc").allowed()).isTrue();
    assertThat(nodeA.exhausted("resident:abc")).isTrue();

    RateLimiter.Verdict refused = nodeB.tryConsume("resident:abc");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isBetween(1L, 3600L);
    assertThat(nodeA.tryConsume("resident:abc").allowed()).isFalse();
    // another resident has a budget of their own
    assertThat(nodeB.tryConsume("resident:xyz").allowed()).isTrue();
    // the key is stored only as a hash
    assertThat(JdbcClient.create(ds).sql("select id from rate_limit_bucket").query(String.class).list())
        .hasSize(2)
        .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{64}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void messagesArrivingTogetherOnBothNodesGetExactlyTheBudget(String kind) throws Exception {
    DataSource ds = database(kind);
    List<BucketRateLimiter> nodes = List.of(node(ds, limits(10)), node(ds, limits(10)));
    String key = "resident:" + UUID.randomUUID();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      BucketRateLimiter node = nodes.get(i % 2);
      attempts.add(threads.submit(() -> {
        start.await();
        return node.tryConsume(key).allowed();
      }));
    }
    start.countDown();
    int allowed = 0;
    for (Future<Boolean> attempt : attempts) {
      if (attempt.get()) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void idleBucketsAreForgottenAndStartFull(String kind) {
    DataSource ds = database(kind);
    JdbcBucketStore store = new JdbcBucketStore(ds, Clock.systemUTC());
    BucketRateLimiter node = new BucketRateLimiter(limits(1), store, s -> s);
    assertThat(node.tryConsume("resident:old").allowed()).isTrue();
    assertThat(node.tryConsume("resident:old").allowed()).isFalse();

    JdbcBucketStore later =
        new JdbcBucketStore(ds, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
    assertThat(later.purgeIdle(Duration.ofHours(1))).isEqualTo(1);
    assertThat(node.tryConsume("resident:old").allowed()).isTrue();
  }
}
