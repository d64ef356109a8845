package org.linli.dataprotection;

import org.linli.OwnPostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The retention tests against a real PostgreSQL (127.0.0.1:5432, database {@code test}), where
 * concurrent runs really contend for the job lock and the rows. A schema of its own per run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@OwnPostgresSchema
class PostgresRetentionTest extends RetentionTest {}
