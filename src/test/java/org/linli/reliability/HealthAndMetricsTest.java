package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.linli.dialog.Channel;
import org.linli.outbox.Outbox;
import org.linli.outbox.OutboxDispatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Operators see whether the knowledge index is loaded and how the outbox is doing: as health
 * details (administrators only) and as Prometheus metrics.
 */
@SpringBootTest(properties = "linli.outbox.max-attempts=1")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class HealthAndMetricsTest {

  @Autowired MockMvc mvc;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;

  @Test
  void administratorsSeeTheKnowledgeIndexAndOutboxDetailsOthersOnlyTheStatus() throws Exception {
    outbox.enqueue("health-test-1", Channel.SMS, "13800001234", null, null, "您的工单已办结");

    mvc.perform(get("/actuator/health").with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.components.knowledge.status").value("UP"))
        .andExpect(jsonPath("$.components.knowledge.details.documents").value(Matchers.greaterThan(0)))
        .andExpect(jsonPath("$.components.outbox.status").value("UP"))
        .andExpect(jsonPath("$.components.outbox.details.pending").value(Matchers.greaterThanOrEqualTo(1)))
        .andExpect(jsonPath("$.components.outbox.details.failed").isNumber());

    for (var request : java.util.List.of(get("/actuator/health"), get("/actuator/health").with(user("wang").roles("STAFF")))) {
      mvc.perform(request)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status").value("UP"))
          .andExpect(jsonPath("$.components").doesNotExist())
          .andExpect(jsonPath("$.details").doesNotExist());
    }
  }

  @Test
  void theOutboxBacklogAndDeliveryFailuresAreMetrics() throws Exception {
    outbox.enqueue("metrics-test-1", Channel.SMS, "13800005678", null, null, "您的工单已受理");
    String before = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
    assertThat(before).containsPattern("(?m)^linli_outbox_backlog(\\{[^}]*})? [1-9]");

    // no SMS sender is configured in this test: the delivery fails, and with max-attempts=1 for good
    dispatcher.dispatchDue();

    String after = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
    assertThat(after)
        .containsPattern("(?m)^linli_outbox_delivery_failures_total\\{channel=\"sms\",final=\"true\"[^}]*} [1-9]")
        .containsPattern("(?m)^linli_outbox_backlog(\\{[^}]*})? 0");
    mvc.perform(get("/actuator/health").with(user("admin").roles("ADMIN")))
        .andExpect(jsonPath("$.components.outbox.details.failed").value(Matchers.greaterThanOrEqualTo(1)));
  }

  @Test
  void theTurnQueueIsAMetric() throws Exception {
    String metrics = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
    // nothing is running while the scrape runs: an idle node shows an empty queue
    assertThat(metrics)
        .containsPattern("(?m)^linli_turns_waiting(\\{[^}]*})? 0")
        .containsPattern("(?m)^linli_turns_running(\\{[^}]*})? 0");
  }
}
