package org.linli.handoff;

import org.linli.OwnPostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;

/** The work order contract against the real PostgreSQL, in a schema of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@OwnPostgresSchema
class PostgresWorkOrderTest extends WorkOrderContract {}
