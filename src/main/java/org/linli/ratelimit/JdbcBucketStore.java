package org.linli.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Buckets in the {@code rate_limit_bucket} table, so every node takes from the same budget. Each
 * consumption is one short transaction that locks the bucket's row ({@code select ... for update})
 * and writes back Bucket4j's new state: plain SQL that H2 and PostgreSQL both run. Rows are keyed
 * by a SHA-256 of the limiter key, so no address or identity is stored in clear; rows idle longer
 * than the longest refill period are deleted by {@link #purgeIdle}, since a full bucket needs no row.
 */
final class JdbcBucketStore implements BucketStore {

  private static final String SELECT = "select state from rate_limit_bucket where id = ? for update";
  private static final String INSERT =
      "insert into rate_limit_bucket (id, state, updated_at) values (?, null, ?)";
  private static final String UPDATE =
      "update rate_limit_bucket set state = ?, updated_at = ? where id = ?";

  private final DataSource dataSource;
  private final Clock clock;
  private final ProxyManager proxies;

  JdbcBucketStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.proxies = new ProxyManager();
  }

  @Override
  public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
    return proxies.builder().build(id(key), configuration);
  }

  /** Deletes buckets untouched for longer than {@code idle}; returns how many. */
  int purgeIdle(Duration idle) {
    return JdbcClient.create(dataSource)
        .sql("delete from rate_limit_bucket where updated_at < ?")
        .param(Timestamp.from(clock.instant().minus(idle)))
        .update();
  }

  static String id(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private final class ProxyManager extends AbstractSelectForUpdateBasedProxyManager<String> {

    ProxyManager() {
      super(ClientSideConfig.getDefault().withRequestTimeout(Duration.ofSeconds(5)));
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String id, Optional<Long> timeout) {
      Connection connection;
      try {
        connection = dataSource.getConnection();
      } catch (SQLException e) {
        throw new IllegalStateException("rate-limit store unavailable", e);
      }
      return new RowTransaction(connection, id, this);
    }

    void timeout(PreparedStatement statement, Optional<Long> timeout) throws SQLException {
      applyTimeout(statement, timeout);
    }

    @Override
    public void removeProxy(String id) {
      JdbcClient.create(dataSource).sql("delete from rate_limit_bucket where id = ?").param(id).update();
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
      return false;
    }
  }

  private final class RowTransaction implements SelectForUpdateBasedTransaction {
    private final Connection connection;
    private final String id;
    private final ProxyManager manager;

    RowTransaction(Connection connection, String id, ProxyManager manager) {
      this.connection = connection;
      this.id = id;
      this.manager = manager;
    }

    @Override
    public void begin(Optional<Long> timeout) {
      try {
        connection.setAutoCommit(false);
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    @Override
    public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
      try (PreparedStatement select = connection.prepareStatement(SELECT)) {
        manager.timeout(select, timeout);
        select.setString(1, id);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    @Override
    public boolean tryInsertEmptyData(Optional<Long> timeout) {
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        manager.timeout(insert, timeout);
        insert.setString(1, id);
        insert.setTimestamp(2, Timestamp.from(clock.instant()));
        return insert.executeUpdate() > 0;
      } catch (SQLException e) {
        if ("23505".equals(e.getSQLState())) {
          // another node inserted the row first: Bucket4j rolls back and tries again
          return false;
        }
        throw failed(e);
      }
    }

    @Override
    public void update(byte[] data, RemoteBucketState state, Optional<Long> timeout) {
      try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
        manager.timeout(update, timeout);
        update.setBytes(1, data);
        update.setTimestamp(2, Timestamp.from(clock.instant()));
        update.setString(3, id);
        update.executeUpdate();
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    @Override
    public void commit(Optional<Long> timeout) {
      try {
        connection.commit();
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    @Override
    public void rollback() {
      try {
        connection.rollback();
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    @Override
    public void release() {
      try {
        connection.setAutoCommit(true);
        connection.close();
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    private IllegalStateException failed(SQLException e) {
      return new IllegalStateException("rate-limit store failed: " + e.getSQLState(), e);
    }
  }
}
