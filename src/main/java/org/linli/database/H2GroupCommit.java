package org.linli.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded H2 database's commits reach the file before anybody is answered, with one file write
 * for many concurrent commits.
 *
 * <p>H2 with {@code WRITE_DELAY=0} writes a new chunk of the file (every B-tree page the
 * transaction changed, up to the roots) at each commit; at a few hundred turns a second that was a
 * quarter of the node's CPU (docs/performance.md). With a write delay, H2 keeps commits in memory
 * for up to that long and a killed process loses them (CrashIT). This data source keeps the write
 * delay for H2's own background writer and makes every commit durable through {@link GroupCommit}:
 * {@code commit()}, the commit of {@code setAutoCommit(true)}, and each auto-commit statement that
 * may write return only once a flush that started after them has finished. Turns that commit
 * while a flush runs share the next one. A transaction that changed nothing (no row written or
 * locked), and a query run in auto-commit mode, do not cause a flush: they wait only for the
 * commits they may have read to be written.
 *
 * <p>Connections to a database whose store writes at every commit anyway (write delay 0), to an
 * in-memory database, and to anything that is not an embedded H2 database are handed out
 * unwrapped.
 */
final class H2GroupCommit extends DelegatingDataSource {

  private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement", "prepareCall");
  private static final Set<String> WRITES =
      Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

  private final GroupCommit group = new GroupCommit();
  private volatile MVStore lastStore;

  H2GroupCommit(DataSource target) {
    super(target);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return durable(super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return durable(super.getConnection(username, password));
  }

  /** The group every wrapped connection commits through (a test holds a commit open with it). */
  GroupCommit group() {
    return group;
  }

  /** Flushes run so far; each made the commits before it durable. */
  long flushes() {
    return group.flushes();
  }

  /** Commits that waited for a flush so far. */
  long commits() {
    return group.commits();
  }

  /** Time spent in flushes so far, in seconds. */
  double flushSeconds() {
    return group.flushSeconds();
  }

  /**
   * The store of the embedded database the latest connection handed out reached, else null (none
   * handed out yet, or an H2 server's client). Opens nothing: a command that never touches the
   * database (one run beside a running service) must not open, and lock, its file.
   */
  MVStore store() {
    return lastStore;
  }

  private Connection durable(Connection connection) throws SQLException {
    SessionLocal session = sessionOf(connection);
    MVStore mvStore = storeOf(session);
    if (mvStore != null && mvStore != lastStore) {
      lastStore = mvStore;
    }
    if (mvStore == null || mvStore.getFileStore() == null || mvStore.getAutoCommitDelay() == 0) {
      return connection;
    }
    return (Connection) Proxy.newProxyInstance(
        H2GroupCommit.class.getClassLoader(), new Class<?>[] {Connection.class},
        new DurableConnection(connection, session, mvStore));
  }

  private static MVStore storeOf(SessionLocal session) {
    var store = session == null ? null : session.getDatabase().getStore();
    return store == null ? null : store.getMvStore();
  }

  /** The session of an embedded H2 connection, else null. */
  private static SessionLocal sessionOf(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return null;
    }
    // a client of an H2 server has a remote session: the server decides when it writes
    return connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session ? session : null;
  }

  private final class DurableConnection implements InvocationHandler {
    private final Connection target;
    private final SessionLocal session;
    private final MVStore store;

    DurableConnection(Connection target, SessionLocal session, MVStore store) {
      this.target = target;
      this.session = session;
      this.store = store;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "equals" -> {
          return proxy == args[0];
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        default -> {}
      }
      boolean committing =
          name.equals("commit") || (name.equals("setAutoCommit") && (Boolean) args[0] && !target.getAutoCommit());
      if (committing) {
        return commit(method, args);
      }
      Object result = call(target, method, args);
      if (STATEMENT_FACTORIES.contains(name) && target.getAutoCommit()) {
        // each statement commits on its own: it is durable when it returns
        Statement statement = (Statement) result;
        return Proxy.newProxyInstance(
            H2GroupCommit.class.getClassLoader(), new Class<?>[] {method.getReturnType()},
            (p, m, a) -> {
              if (!target.getAutoCommit()) {
                return call(statement, m, a);
              }
              if (WRITES.contains(m.getName())) {
                return durably(() -> call(statement, m, a));
              }
              if (m.getName().equals("executeQuery")) {
                // a read on its own: like a transaction that only read, it waits for the
                // commits it may have seen
                Object rows = call(statement, m, a);
                group.awaitSeen(store::commit);
                return rows;
              }
              return call(statement, m, a);
            });
      } else if (name.equals("unwrap") && ((Class<?>) args[0]).isInstance(proxy)) {
        return proxy;
      } else if (name.equals("isWrapperFor") && ((Class<?>) args[0]).isInstance(proxy)) {
        return true;
      }
      return result;
    }

    /**
     * A transaction that wrote waits for a flush after its commit; one that only read waits for
     * the commits it may have seen, usually without a write of its own.
     */
    private Object commit(Method method, Object[] args) throws Throwable {
      // hasPendingTransaction: the transaction changed something (a row lock counts)
      if (!session.hasPendingTransaction()) {
        Object result = call(target, method, args);
        group.awaitSeen(store::commit);
        return result;
      }
      return durably(() -> call(target, method, args));
    }

    /** Runs a commit that wrote (announced before it, so readers wait for it), then its flush. */
    private Object durably(Invocation commit) throws Throwable {
      group.committing();
      Object result;
      try {
        result = commit.call();
      } catch (Throwable e) {
        group.commitFailed();
        throw e;
      }
      group.awaitDurable(store::commit);
      return result;
    }
  }

  private interface Invocation {
    Object call() throws Throwable;
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
