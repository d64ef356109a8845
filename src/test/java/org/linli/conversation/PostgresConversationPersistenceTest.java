package org.linli.conversation;

import org.junit.jupiter.api.AfterAll;
import org.linli.PostgresTestSchemas;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same contract against a real PostgreSQL: 127.0.0.1:5432, database {@code test} on this
 * project's machines ({@code .ci/run} starts it). Each run gets a schema of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles({"test", "postgres", "pgtest"})
class PostgresConversationPersistenceTest extends ConversationPersistenceContract {

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
