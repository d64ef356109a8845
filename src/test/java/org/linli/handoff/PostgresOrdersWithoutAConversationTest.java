package org.linli.handoff;

import org.junit.jupiter.api.AfterAll;
import org.linli.PostgresTestSchemas;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Orders without a conversation against the real PostgreSQL, in a schema of its own. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({"test", "postgres", "pgtest"})
@Import(HandoffTestSupport.class)
class PostgresOrdersWithoutAConversationTest extends OrdersWithoutAConversationContract {

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
