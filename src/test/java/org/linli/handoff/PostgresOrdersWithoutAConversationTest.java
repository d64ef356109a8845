package org.linli.handoff;

import org.linli.OwnPostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/** Orders without a conversation against the real PostgreSQL, in a schema of its own. */
@SpringBootTest
@AutoConfigureMockMvc
@OwnPostgresSchema
@Import(HandoffTestSupport.class)
class PostgresOrdersWithoutAConversationTest extends OrdersWithoutAConversationContract {}
