package org.linli;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Schemas of their own for tests on the machine's PostgreSQL (127.0.0.1:5432, database {@code
 * test}, trust auth; {@code .ci/run} starts it), so runs never see each other's data.
 */
public final class PostgresTestSchemas {

  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String USER = System.getenv().getOrDefault("LINLI_TEST_PG_USER", "postgres");

  /** A fresh schema name, e.g. {@code linli_test_3f1c…}; Flyway creates the schema itself. */
  public static String newName(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  public static void drop(String schema) {
    var ds = new SingleConnectionDataSource(URL, USER, "", true);
    try {
      JdbcClient.create(ds).sql("drop schema if exists " + schema + " cascade").update();
    } finally {
      ds.destroy();
    }
  }

  private PostgresTestSchemas() {}
}
