package org.linli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Spring test context on the machine's PostgreSQL (profiles {@code test}, {@code postgres},
 * {@code pgtest}) in a schema of its own: a fresh name per context, created by Flyway, dropped
 * when the context closes. Test classes with the same configuration share the context, and so
 * the schema, as they share any cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ActiveProfiles({"test", "postgres", "pgtest"})
@ContextConfiguration(initializers = OwnPostgresSchema.Initializer.class)
public @interface OwnPostgresSchema {

  /** Names the schema for the context and drops it when the context closes. */
  class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      String schema = PostgresTestSchemas.newName("linli_test_");
      TestPropertyValues.of("linli.test.schema=" + schema).applyTo(context);
      context.addApplicationListener(
          (ApplicationListener<ContextClosedEvent>) closed -> PostgresTestSchemas.drop(schema));
    }
  }
}
