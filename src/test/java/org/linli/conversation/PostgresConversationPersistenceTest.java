package org.linli.conversation;

import org.linli.OwnPostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same contract against a real PostgreSQL: 127.0.0.1:5432, database {@code test} on this
 * project's machines ({@code .ci/run} starts it). Each run gets a schema of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@OwnPostgresSchema
class PostgresConversationPersistenceTest extends ConversationPersistenceContract {}
