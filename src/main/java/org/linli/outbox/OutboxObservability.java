package org.linli.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The outbox as operators see it: health {@code outbox} (always UP, the backlog is no reason to
 * take a node out of a load balancer; the counts are details, shown to administrators only) and
 * the gauge {@code linli.outbox.backlog} ({@code linli_outbox_backlog}). Failed attempts are
 * counted by the dispatcher as {@code linli.outbox.delivery.failures}. Server only: the actuator
 * creates health indicators eagerly, and a one-shot command must not open the database.
 */
@Component("outboxHealthIndicator")
@ConditionalOnWebApplication
class OutboxObservability implements HealthIndicator {

  private final Outbox outbox;

  OutboxObservability(Outbox outbox, MeterRegistry meters) {
    this.outbox = outbox;
    Gauge.builder("linli.outbox.backlog", outbox, Outbox::backlog)
        .description("outbox messages waiting to be delivered (pending or being sent)")
        .register(meters);
  }

  @Override
  public Health health() {
    return Health.up()
        .withDetail("pending", outbox.backlog())
        .withDetail("failed", outbox.failedCount())
        .build();
  }
}
