package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.CustomerServiceWindow;
import org.linli.channels.wechat.WeChatStore;
import org.linli.dialog.DialogueEngine;
import org.linli.dialog.DialogueState;
import org.linli.dialog.TurnResult;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A WeChat message that makes a turn is stored as one unit: the reopened customer-service window,
 * the resident's message with its replies, and a photo or place. When any of it fails, WeChat gets
 * no answer and nothing is kept; WeChat's retry then runs the turn as if it were the first time.
 */
class WeChatTurnAtomicityTest extends WeChatTestBase {

  /** Set by a test: the next turns fail in the dialogue, or on keeping the evidence. */
  static volatile boolean failTurns;

  static volatile boolean failEvidence;

  @Autowired CustomerServiceWindow window;

  @TestConfiguration
  static class Failures {
    @Bean
    @Primary
    DialogueEngine failingEngine(@Qualifier("dialogueEngine") DialogueEngine real) {
      return new DialogueEngine() {
        @Override
        public TurnResult turn(DialogueState state, Turn turn) {
          if (failTurns) {
            throw new IllegalStateException("test: the dialogue failed");
          }
          return real.turn(state, turn);
        }
      };
    }

    @Bean
    @Primary
    WeChatStore failingEvidenceStore(JdbcWeChatStore real) {
      return new FailingEvidence(real);
    }
  }

  @AfterEach
  void heal() {
    failTurns = false;
    failEvidence = false;
  }

  @Test
  void aTurnThatFailsOpensNoWindowAndWeChatsRetryIsAnswered() throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String xml = WeChatRequests.text(openId, "高龄津贴怎么申请", msgId);

    failTurns = true;
    assertThatThrownBy(() -> mvc.perform(WeChatRequests.plain(xml)))
        .hasRootCauseMessage("test: the dialogue failed");
    // staff could not write to this resident: the message that would open the window is not kept
    assertThat(window.status(openId).state()).isEqualTo(CustomerServiceWindow.State.CLOSED);
    assertThat(inbound(String.valueOf(msgId))).isZero();

    failTurns = false;
    String reply = WeChatRequests.replyText(ok(WeChatRequests.plain(xml)));
    assertThat(reply).contains("高龄津贴");
    assertThat(window.status(openId).state()).isEqualTo(CustomerServiceWindow.State.OPEN);
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
  }

  @Test
  void aPhotoThatCannotBeKeptLeavesNoTurnAndNoWindowAndTheRetryKeepsItOnce() throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String xml = WeChatRequests.image(openId, msgId);

    failEvidence = true;
    assertThatThrownBy(() -> mvc.perform(WeChatRequests.plain(xml)))
        .hasRootCauseMessage("test: the evidence could not be kept");
    // the turn ran and the window was updated before the failure: both were rolled back
    assertThat(inbound(String.valueOf(msgId))).isZero();
    assertThat(evidence(String.valueOf(msgId))).isZero();
    assertThat(window.status(openId).state()).isEqualTo(CustomerServiceWindow.State.CLOSED);

    failEvidence = false;
    String reply = WeChatRequests.replyText(ok(WeChatRequests.plain(xml)));
    assertThat(reply).isNotBlank();
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
    assertThat(evidence(String.valueOf(msgId))).isEqualTo(1);
    assertThat(window.status(openId).state()).isEqualTo(CustomerServiceWindow.State.OPEN);

    // a further retry gives the same answer and keeps nothing twice
    assertThat(WeChatRequests.replyText(ok(WeChatRequests.plain(xml)))).isEqualTo(reply);
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
    assertThat(evidence(String.valueOf(msgId))).isEqualTo(1);
  }

  private int evidence(String externalId) {
    return jdbc.sql("select count(*) from wechat_evidence where external_id = ?")
        .param(externalId)
        .query(Integer.class)
        .single();
  }

  /** The real store, except that keeping evidence fails while the test says so. */
  private record FailingEvidence(JdbcWeChatStore real) implements WeChatStore {
    @Override
    public void inbound(String openId, Instant at) {
      real.inbound(openId, at);
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
      return real.atomically(work);
    }

    @Override
    public void subscribed(String openId, Instant at) {
      real.subscribed(openId, at);
    }

    @Override
    public void unsubscribed(String openId, Instant at) {
      real.unsubscribed(openId, at);
    }

    @Override
    public void sent(String openId, Instant at) {
      real.sent(openId, at);
    }

    @Override
    public Optional<Contact> contact(String openId) {
      return real.contact(openId);
    }

    @Override
    public boolean claim(String idempotencyKey, Instant at) {
      return real.claim(idempotencyKey, at);
    }

    @Override
    public void release(String idempotencyKey) {
      real.release(idempotencyKey);
    }

    @Override
    public boolean defer(String externalId, Instant at) {
      return real.defer(externalId, at);
    }

    @Override
    public boolean deferred(String externalId) {
      return real.deferred(externalId);
    }

    @Override
    public void evidence(Evidence evidence) {
      if (failEvidence) {
        throw new IllegalStateException("test: the evidence could not be kept");
      }
      real.evidence(evidence);
    }
  }
}
