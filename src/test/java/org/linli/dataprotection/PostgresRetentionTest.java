package org.linli.dataprotection;

import org.junit.jupiter.api.AfterAll;
import org.linli.PostgresTestSchemas;
import org.springframework.boot.test.context.SpringBootTest;
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

  static final String SCHEMA = PostgresTestSchemas.newName("linli_test_");

  @DynamicPropertySource
  static void schema(DynamicPropertyRegistry registry) {
    registry.add("linli.test.schema", () -> SCHEMA);
  }

  @AfterAll
  static void dropSchema() {
    PostgresTestSchemas.drop(SCHEMA);
  }
}
