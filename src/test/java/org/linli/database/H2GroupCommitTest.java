package org.linli.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * What the embedded database has committed is in its file when the commit returns, although H2
 * itself would write it up to a minute later: the file is copied while the database is open (what
 * a killed process leaves behind) and the copy is opened as a database of its own.
 */
class H2GroupCommitTest {

  @TempDir Path dir;
  HikariDataSource hikari;
  H2GroupCommit durable;

  @BeforeEach
  void open() throws SQLException {
    hikari = new HikariDataSource();
    // H2's own writer would wait a minute: only the group commit can have written the file
    hikari.setJdbcUrl("jdbc:h2:file:" + dir.resolve("live/db") + ";WRITE_DELAY=60000");
    hikari.setUsername("sa");
    hikari.setMaximumPoolSize(8);
    durable = new H2GroupCommit(hikari);
    try (Connection c = durable.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table note (id int primary key, text varchar(100))");
    }
  }

  @AfterEach
  void close() {
    hikari.close();
  }

  @Test
  void aCommittedTransactionIsInTheFileWhenCommitReturns() throws Exception {
    insertInTransaction(durable, 1, "停水通知", Connection::commit);
    assertThat(notesInCopyOfFile()).containsExactly("停水通知");
  }

  @Test
  void aStatementRunOnItsOwnIsInTheFileWhenItReturns() throws Exception {
    try (Connection c = durable.getConnection(); var s = c.prepareStatement("insert into note values (?, ?)")) {
      s.setInt(1, 2);
      s.setString(2, "高温补贴");
      s.executeUpdate();
    }
    assertThat(notesInCopyOfFile()).containsExactly("高温补贴");
  }

  @Test
  void switchingBackToAutoCommitCommitsDurably() throws Exception {
    insertInTransaction(durable, 3, "电梯维修", c -> c.setAutoCommit(true));
    assertThat(notesInCopyOfFile()).containsExactly("电梯维修");
  }

  @Test
  void withoutTheGroupCommitTheSameCommitIsNotYetInTheFile() throws Exception {
    // the control: proves the copy shows what a killed process would have lost
    insertInTransaction(hikari, 4, "丢失", Connection::commit);
    assertThat(notesInCopyOfFile()).isEmpty();
  }

  @Test
  void manyConcurrentCommitsAreAllInTheFile() throws Exception {
    int commits = 64;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < commits; i++) {
        int id = 100 + i;
        done.add(pool.submit(() -> {
          try (Connection c = durable.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.prepareStatement("insert into note values (?, ?)")) {
              s.setInt(1, id);
              s.setString(2, "n" + id);
              s.executeUpdate();
            }
            c.commit();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertThat(notesInCopyOfFile()).hasSize(commits);
    assertThat(durable.flushes()).isBetween(1L, (long) commits + 1);
  }

  @Test
  void aTransactionThatOnlyReadsEndsWithoutAFileWrite() throws Exception {
    insertInTransaction(durable, 1, "停水通知", Connection::commit);
    long flushes = durable.flushes();
    try (Connection c = durable.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select text from note")) {
        assertThat(r.next()).isTrue();
      }
      c.commit();
    }
    assertThat(durable.flushes()).isEqualTo(flushes);

    // a row locked for update counts as a write
    try (Connection c = durable.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select text from note where id = 1 for update")) {
        assertThat(r.next()).isTrue();
      }
      c.commit();
    }
    assertThat(durable.flushes()).isEqualTo(flushes + 1);
  }

  @Test
  void aQueryOnItsOwnWaitsOnlyForTheWriteOfACommitItMayHaveSeen() throws Exception {
    insertInTransaction(durable, 1, "停水通知", Connection::commit);
    long flushes = durable.flushes();
    // nothing is being committed: the answer needs no write
    assertThat(noteCount()).isEqualTo(1);
    assertThat(durable.flushes()).isEqualTo(flushes);

    // another transaction's commit may be visible but is not written yet: the query is answered
    // only once it is, and with nobody writing it, the query writes it
    durable.group().committing();
    assertThat(noteCount()).isEqualTo(1);
    assertThat(durable.flushes()).isEqualTo(flushes + 1);
  }

  @Test
  void theWritesAndTheCommitsTheyCoveredAreMetrics() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ObjectProvider<DataSource> provider = new StaticListableBeanFactory(Map.of("dataSource", durable))
        .getBeanProvider(DataSource.class);
    new DatabaseConfiguration().groupCommitMetrics(provider).bindTo(registry);
    double before = registry.get("linli.database.durable.commits").functionCounter().count();

    insertInTransaction(durable, 1, "停水通知", Connection::commit);
    insertInTransaction(durable, 2, "恢复供水", Connection::commit);

    assertThat(registry.get("linli.database.durable.commits").functionCounter().count()).isEqualTo(before + 2);
    assertThat(registry.get("linli.database.flushes").functionCounter().count()).isGreaterThanOrEqualTo(2);
    assertThat(registry.get("linli.database.flush.seconds").functionCounter().count()).isPositive();
  }

  @Test
  void withoutTheGroupCommitThereAreNoFlushMetrics() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ObjectProvider<DataSource> provider = new StaticListableBeanFactory(Map.of("dataSource", hikari))
        .getBeanProvider(DataSource.class);
    new DatabaseConfiguration().groupCommitMetrics(provider).bindTo(registry);
    assertThat(registry.find("linli.database.flushes").meters()).isEmpty();
  }

  @Test
  void aDatabaseThatWritesAtEveryCommitIsLeftAsItIs() throws Exception {
    try (HikariDataSource eager = new HikariDataSource()) {
      eager.setJdbcUrl("jdbc:h2:file:" + dir.resolve("eager/db") + ";WRITE_DELAY=0");
      eager.setUsername("sa");
      try (Connection c = new H2GroupCommit(eager).getConnection()) {
        assertThat(java.lang.reflect.Proxy.isProxyClass(c.getClass())).isFalse();
      }
    }
  }

  interface TransactionEnd {
    void end(Connection c) throws SQLException;
  }

  private static void insertInTransaction(DataSource ds, int id, String text, TransactionEnd end) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (var s = c.prepareStatement("insert into note values (?, ?)")) {
        s.setInt(1, id);
        s.setString(2, text);
        s.executeUpdate();
      }
      end.end(c);
    }
  }

  /** Notes counted by a query run on its own (auto-commit). */
  private int noteCount() throws SQLException {
    try (Connection c = durable.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from note")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** The texts a database opened from a copy of the live file holds. */
  private List<String> notesInCopyOfFile() throws Exception {
    Path copy = dir.resolve("copy-" + System.nanoTime());
    Files.createDirectories(copy);
    Files.copy(dir.resolve("live/db.mv.db"), copy.resolve("db.mv.db"));
    List<String> texts = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("db"), "sa", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select text from note order by id")) {
      while (r.next()) {
        texts.add(r.getString(1));
      }
    }
    return texts;
  }
}
