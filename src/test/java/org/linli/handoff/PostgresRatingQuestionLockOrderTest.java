package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.linli.OwnPostgresSchema;
import org.linli.care.CareService;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Resolving an order puts the rating question into the conversations of the resident and of their
 * carers, so one resolution locks several conversations. Two resolutions at the same moment — the
 * resident's own order and the one their carer filed for them — each hold their own conversation
 * and need the other's. On PostgreSQL that was a deadlock (one resolution failed). A test listener
 * holds both resolutions at the point where each has locked its conversations and its order, so
 * the race happens every time: with the old lock order it deadlocked on every run; now every
 * resolution locks all the conversations it may write, in the order of their ids, before the order,
 * so the second simply waits for the first (and the listener's wait runs out).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@OwnPostgresSchema
@Import({HandoffTestSupport.class, PostgresRatingQuestionLockOrderTest.BothAtOnce.class})
class PostgresRatingQuestionLockOrderTest {
  static final Actor ZHAO = new Actor("zhao", "赵主任", null, true);

  /** While armed, each resolution waits (up to 3 s) until the other one has reached the same point. */
  @TestConfiguration(proxyBeanMethods = false)
  static class BothAtOnce {
    static volatile CyclicBarrier barrier;

    @Bean
    Object holdResolutions() {
      return new Object() {
        @EventListener
        @Order(Ordered.HIGHEST_PRECEDENCE)
        void resolved(TicketEvent event) throws Exception {
          CyclicBarrier b = barrier;
          if (b != null && "resolved".equals(event.type())) {
            try {
              b.await(3, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.BrokenBarrierException e) {
              // the other resolution never came this far: carry on alone
            }
          }
        }
      };
    }
  }

  @Autowired ConversationPort conversations;
  @Autowired HandoffService handoff;
  @Autowired ResidentDirectory residents;
  @Autowired CareService care;

  private String text(String phone, String text) {
    var outcome = conversations.handle(
        new InboundMessage(Channel.SMS, null, phone, "sms-" + System.nanoTime(), text, null, Instant.now()));
    return outcome.handoff() == null ? null : outcome.handoff().ticketId();
  }

  @Test
  void theResidentsOrderAndTheOrderTheirCarerFiledAreResolvedAtTheSameMoment() throws Exception {
    String mother = residents.residentFor(IdentityKind.PHONE, "13600008801");
    care.addCarer("admin", mother, "13900008801", null, "child", true);
    String hers = text("13600008801", "人工");
    text("13900008801", "你好");
    text("13900008801", "1");
    String filedBySon = text("13900008801", "人工");
    assertThat(handoff.byNumber(filedBySon).orElseThrow().residentId()).isEqualTo(mother);
    handoff.claim(ZHAO, hers);
    handoff.claim(ZHAO, filedBySon);

    BothAtOnce.barrier = new CyclicBarrier(2);
    var start = new CountDownLatch(1);
    try (var pool = Executors.newFixedThreadPool(2)) {
      Future<WorkOrder> a = pool.submit(() -> {
        start.await();
        return handoff.resolve(ZHAO, hers, "电梯已修好");
      });
      Future<WorkOrder> b = pool.submit(() -> {
        start.await();
        return handoff.resolve(ZHAO, filedBySon, "楼道灯已换");
      });
      start.countDown();
      assertThat(a.get(30, TimeUnit.SECONDS).status()).isEqualTo(TicketStatus.RESOLVED);
      assertThat(b.get(30, TimeUnit.SECONDS).status()).isEqualTo(TicketStatus.RESOLVED);
    } finally {
      BothAtOnce.barrier = null;
    }

    // the rating question is in place on the son's phone (for whichever resolution came last)
    text("13900008801", "4");
    assertThat(java.util.stream.Stream.of(hers, filedBySon)
        .map(n -> handoff.byNumber(n).orElseThrow().rating()))
        .contains(4);
  }
}
