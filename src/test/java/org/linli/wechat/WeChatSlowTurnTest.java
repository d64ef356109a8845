package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.channels.RequestArrival;
import org.linli.dialog.DialogueEngine;
import org.linli.dialog.DialogueState;
import org.linli.dialog.TurnResult;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * WeChat waits 5 seconds for an answer. A turn that takes longer than the budget is answered
 * {@code success} at once, and its reply follows as a customer-service message; a retry of the
 * same message does not produce a second reply.
 */
@TestPropertySource(properties = "linli.wechat.passive-budget=300ms")
class WeChatSlowTurnTest extends WeChatTestBase {

  @org.springframework.beans.factory.annotation.Autowired
  org.linli.outbox.OutboxDispatcher outbox;

  /** Closed: turns wait until the test opens it (no sleeps, a latch). */
  static volatile CountDownLatch gate = new CountDownLatch(0);

  @TestConfiguration
  static class SlowEngine {
    @Bean
    @Primary
    DialogueEngine gatedEngine(@Qualifier("dialogueEngine") DialogueEngine real) {
      return new DialogueEngine() {
        @Override
        public TurnResult turn(DialogueState state, Turn turn) {
          try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the test never opened the gate");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return real.turn(state, turn);
        }
      };
    }
  }

  @AfterEach
  void open() {
    gate.countDown();
  }

  @Test
  void aSlowTurnIsAnsweredSuccessThenItsReplyComesAsACustomerServiceMessage() throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String xml = WeChatRequests.text(openId, "高龄津贴怎么申请", msgId);
    gate = new CountDownLatch(1);

    assertThat(ok(WeChatRequests.plain(xml))).isEqualTo("success");
    assertThat(STUB.customerServiceMessages()).isEmpty();

    gate.countDown();
    awaitOneCustomerServiceMessage();
    assertThat(STUB.customerServiceMessages().getFirst().body())
        .contains("\"touser\":\"" + openId + "\"")
        .contains("高龄津贴");

    // WeChat's retry (had our success been lost) is answered success, not with a second reply
    assertThat(ok(WeChatRequests.plain(xml))).isEqualTo("success");
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
    assertThat(STUB.customerServiceMessages()).hasSize(1);
  }

  /**
   * WeChat's clock runs from when it sent the message: a message that spent the whole budget
   * waiting in the node's turn queue is not answered passively (WeChat would no longer be
   * listening), however quick its turn; its reply goes out as a customer-service message.
   */
  @Test
  void aMessageThatWaitedOutTheBudgetInTheTurnQueueGetsItsReplyAsACustomerServiceMessage()
      throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    long arrivedASecondAgo = System.nanoTime() - Duration.ofSeconds(1).toNanos();

    assertThat(
            ok(WeChatRequests.plain(WeChatRequests.text(openId, "高龄津贴怎么申请", msgId))
                .requestAttr(RequestArrival.ATTRIBUTE, arrivedASecondAgo)))
        .isEqualTo("success");

    awaitOneCustomerServiceMessage();
    assertThat(STUB.customerServiceMessages().getFirst().body())
        .contains("\"touser\":\"" + openId + "\"")
        .contains("高龄津贴");
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
  }

  @Test
  void aRetryWhileTheSlowTurnIsStillRunningIsAnsweredSuccessAndTheReplyGoesOutOnce()
      throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    gate = new CountDownLatch(1);

    assertThat(ok(WeChatRequests.plain(WeChatRequests.text(openId, "低保怎么申请", msgId))))
        .isEqualTo("success");
    assertThat(ok(WeChatRequests.plain(WeChatRequests.text(openId, "低保怎么申请", msgId))))
        .isEqualTo("success");

    gate.countDown();
    awaitOneCustomerServiceMessage();
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              // the late reply goes through the outbox, which the test delivers (see application-test)
              outbox.dispatchDue();
              assertThat(STUB.customerServiceMessages()).hasSize(1);
            });
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
  }

  /** The late reply goes through the outbox, which the test delivers (see application-test). */
  private void awaitOneCustomerServiceMessage() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              outbox.dispatchDue();
              assertThat(STUB.customerServiceMessages()).hasSize(1);
            });
  }
}
