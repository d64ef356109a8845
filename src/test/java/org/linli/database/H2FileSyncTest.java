package org.linli.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's file is forced to the disk at an interval, by a thread that no commit
 * waits for. The database runs on the real disk through {@link ForceWatch}, which counts the forces
 * each file received and can hold one back.
 */
class H2FileSyncTest {

  static {
    ForceWatch.register();
  }

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void whatIsCommittedIsForcedToTheDiskWithinTheInterval() throws Exception {
    H2GroupCommit durable = fileDatabase("db");
    ForceWatch.Watched file = dataFile("db");
    H2FileSync sync = started(new H2FileSync(durable::store, Duration.ofMillis(50)));
    assertThat(sync.active()).isTrue();

    // H2 itself would not force the file before it closes
    long before = file.forces();
    insert(durable, 1, "停水通知");
    await().atMost(Duration.ofSeconds(10)).until(() -> file.forces() > before && sync.syncs() > 0);
    assertThat(sync.syncSeconds()).isPositive();
  }

  @Test
  void commitsGoOnWhileAForceIsHeldUpByTheDisk() throws Exception {
    H2GroupCommit durable = fileDatabase("db");
    ForceWatch.Watched file = dataFile("db");
    file.hold();
    H2FileSync sync = started(new H2FileSync(durable::store, Duration.ofMillis(10)));
    try {
      assertThat(file.awaitHeld(10)).as("a force under way").isTrue();

      ExecutorService turns = Executors.newFixedThreadPool(4);
      toClose.add(turns::shutdownNow);
      List<Future<?>> commits = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        int id = i;
        commits.add(turns.submit(() -> {
          insert(durable, id, "第" + id + "条");
          return null;
        }));
      }
      for (Future<?> commit : commits) {
        commit.get(30, TimeUnit.SECONDS);
      }
      assertThat(count(durable)).isEqualTo(40);
      assertThat(sync.syncs()).as("the held force has not finished").isZero();
    } finally {
      file.release();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> sync.syncs() > 0);
  }

  @Test
  void aForceThatFailsIsTriedAgainAndTheDatabaseGoesOn() throws Exception {
    H2GroupCommit durable = fileDatabase("db");
    ForceWatch.Watched file = dataFile("db");
    file.failNext(3);
    H2FileSync sync = started(new H2FileSync(durable::store, Duration.ofMillis(10)));

    await().atMost(Duration.ofSeconds(10)).until(() -> sync.syncs() > 0);
    insert(durable, 1, "电梯维修");
    assertThat(count(durable)).isEqualTo(1);
  }

  @Test
  void theStoreIsFoundAgainWhenTheDatabaseIsClosedAndOpenedAgain() throws Exception {
    AtomicReference<H2GroupCommit> database = new AtomicReference<>(fileDatabase("db"));
    ForceWatch.Watched file = dataFile("db");
    H2FileSync sync = started(new H2FileSync(() -> database.get().store(), Duration.ofMillis(10)));
    await().atMost(Duration.ofSeconds(10)).until(() -> sync.syncs() > 0);

    // the last connection closes the database; a new pool opens it again
    ((HikariDataSource) database.get().getTargetDataSource()).close();
    database.set(fileDatabase("db"));
    insert(database.get(), 1, "重新打开");
    long before = file.forces();
    await().atMost(Duration.ofSeconds(10)).until(() -> file.forces() > before);
  }

  @Test
  void nothingIsForcedWhenTheIntervalIsZero() throws Exception {
    H2GroupCommit durable = fileDatabase("db");
    H2FileSync sync = started(new H2FileSync(durable::store, Duration.ZERO));
    assertThat(sync.active()).isFalse();
    insert(durable, 1, "不强制写盘");
    assertThat(sync.syncs()).isZero();
  }

  @Test
  void aDatabaseNobodyOpenedIsNotOpenedToForceIt() {
    // a command run beside a running service (kb search) must not open, and lock, the service's file
    H2GroupCommit unopened = new H2GroupCommit(pool("jdbc:h2:file:" + dir.resolve("unopened")));
    H2FileSync sync = started(new H2FileSync(unopened::store, Duration.ofMillis(10)));
    await().atMost(Duration.ofSeconds(10)).until(() -> sync.rounds() >= 3);
    assertThat(sync.syncs()).isZero();
    assertThat(dir.resolve("unopened.mv.db")).doesNotExist();
  }

  @Test
  void anInMemoryDatabaseOrAnotherDatabaseHasNothingToForce() throws SQLException {
    H2GroupCommit memory = new H2GroupCommit(pool("jdbc:h2:mem:filesync;DB_CLOSE_DELAY=-1"));
    try (Connection c = memory.getConnection()) {
      assertThat(memory.store()).isNotNull();
    }
    H2FileSync inMemory = started(new H2FileSync(memory::store, Duration.ofMillis(10)));
    H2FileSync other = started(new H2FileSync(() -> null, Duration.ofMillis(10)));
    await().atMost(Duration.ofSeconds(10)).until(() -> inMemory.rounds() >= 3 && other.rounds() >= 3);
    assertThat(inMemory.syncs()).isZero();
    assertThat(other.syncs()).isZero();
  }

  @Test
  void aNegativeIntervalIsRefused() {
    assertThatThrownBy(() -> new H2FileSync(() -> null, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero (off) or positive");
  }

  private H2FileSync started(H2FileSync sync) {
    toClose.add(sync);
    return sync;
  }

  private H2GroupCommit fileDatabase(String name) throws SQLException {
    // H2's own writer would wait a minute; only the group commit writes, and nothing forces
    HikariDataSource hikari = pool("jdbc:h2:forcewatch:" + dir.resolve(name) + ";WRITE_DELAY=60000");
    H2GroupCommit durable = new H2GroupCommit(hikari);
    try (Connection c = durable.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists note (id int primary key, text varchar(100))");
    }
    return durable;
  }

  private HikariDataSource pool(String url) {
    HikariDataSource hikari = new HikariDataSource();
    hikari.setJdbcUrl(url);
    hikari.setUsername("sa");
    hikari.setMaximumPoolSize(8);
    toClose.add(hikari);
    return hikari;
  }

  private ForceWatch.Watched dataFile(String name) {
    return ForceWatch.file(dir.resolve(name + ".mv.db").toString());
  }

  private static void insert(H2GroupCommit ds, int id, String text) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("insert into note values (?, ?)")) {
      s.setInt(1, id);
      s.setString(2, text);
      s.executeUpdate();
    }
  }

  private static int count(H2GroupCommit ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        var rows = s.executeQuery("select count(*) from note")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
