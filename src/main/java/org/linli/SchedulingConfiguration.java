package org.linli;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs (outbox delivery, deadline checks) run in the server only: a one-shot command or
 * the shell must not touch the database of a server running beside it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "linli.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}
