package org.linli.dataprotection;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The retention tests against a real PostgreSQL (127.0.0.1:5432, database {@code test}), where
 * concurrent runs really contend for the job lock and the rows. A schema of its own per run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles({"test", "postgres", "pgtest"})
class PostgresRetentionTest extends RetentionTest {

  static final String SCHEMA = "linli_test_" + UUID.randomUUID().toString().replace("-", "");
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @DynamicPropertySource
  static void schema(DynamicPropertyRegistry registry) {
    registry.add("linli.test.schema", () -> SCHEMA);
  }

  @AfterAll
  static void dropSchema() {
    var ds = new SingleConnectionDataSource(URL, System.getenv().getOrDefault("LINLI_TEST_PG_USER", "postgres"), "", true);
    try {
      JdbcClient.create(ds).sql("drop schema if exists " + SCHEMA + " cascade").update();
    } finally {
      ds.destroy();
    }
  }
}
