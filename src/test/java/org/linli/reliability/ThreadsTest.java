package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.ActiveProfiles;

/**
 * Requests and scheduled jobs run on platform threads. On virtual threads, a burst of first
 * requests after a start loaded classes from the packaged jar at the same time and deadlocked a
 * node for good (a benchmark run, session 10: the jar's lock held by a virtual thread that had no
 * carrier left, both carriers pinned by threads waiting for that lock; docs/performance.md). The
 * deadlock needs the packaged jar and luck, so no test here can provoke it; these keep the
 * configuration that rules it out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ThreadsTest {

  @Autowired ServletWebServerApplicationContext context;
  @Autowired TaskScheduler scheduler;

  @Test
  void requestsAreServedByAPoolOfPlatformThreads() {
    var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
    var executor = tomcat.getConnector().getProtocolHandler().getExecutor();

    // Tomcat's own pool; with virtual threads it would be its VirtualThreadExecutor
    assertThat(executor).isInstanceOf(org.apache.tomcat.util.threads.ThreadPoolExecutor.class);
  }

  @Test
  void eachScheduledJobHasAThreadSoALongOneHoldsNoOtherUp() {
    // outbox, WeChat media, handoff deadlines, retention, idle rate-limit buckets
    assertThat(scheduler).isInstanceOf(ThreadPoolTaskScheduler.class);
    assertThat(((ThreadPoolTaskScheduler) scheduler).getPoolSize()).isGreaterThanOrEqualTo(5);
  }
}
