package org.linli.dataprotection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Old message text is purged, recent text kept, and what remains is an anonymous count per day,
 * channel, direction and intent. Running the job again, or on several nodes at once, changes
 * nothing more.
 */
// MockMvc is not used here: it puts this class in the Spring context most test classes share
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class RetentionTest {

  @Autowired ConversationPort conversations;
  @Autowired RetentionJob retention;
  @Autowired JdbcClient jdbc;

  private String converse(String text) {
    return conversations.handle(
        new InboundMessage(Channel.WEB, null, null, null, text, null, Instant.now())).conversationId();
  }

  private void age(String conversationId, int days) {
    jdbc.sql("update message set created_at = created_at - interval '" + days + "' day where conversation_id = ?")
        .param(conversationId).update();
  }

  private int statsTotal() {
    return jdbc.sql("select coalesce(sum(messages), 0) from message_stats").query(Integer.class).single();
  }

  private int purgedIn(String conversationId) {
    return jdbc.sql("select count(*) from message where conversation_id = ? and purged_at is not null"
            + " and text = '' and text_enc is null")
        .param(conversationId).query(Integer.class).single();
  }

  private int messagesIn(String conversationId) {
    return jdbc.sql("select count(*) from message where conversation_id = ?").param(conversationId)
        .query(Integer.class).single();
  }

  @Test
  void oldTextIsPurgedRecentTextKeptAndCountsRemain() {
    String old = converse("高龄津贴怎么申请，我叫张三");
    String recent = converse("低保怎么申请");
    age(old, 181);
    int statsBefore = statsTotal();

    int purged = retention.purge();

    assertThat(purged).isEqualTo(messagesIn(old));
    assertThat(purgedIn(old)).isEqualTo(messagesIn(old));
    assertThat(purgedIn(recent)).isZero();
    // the recent text, stored encrypted, still reads in full; the old one is gone, not just hidden
    assertThat(conversations.history(recent).orElseThrow().messages().get(0).text()).isEqualTo("低保怎么申请");
    assertThat(conversations.history(old).orElseThrow().messages())
        .allSatisfy(m -> assertThat(m.text()).isEmpty());
    assertThat(statsTotal() - statsBefore).isEqualTo(purged);
    java.time.LocalDate day = jdbc.sql("select min(created_at) from message where conversation_id = ?").param(old)
        .query(java.time.OffsetDateTime.class).single().atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate();
    assertThat(jdbc.sql("select messages from message_stats where stat_day = ? and channel = 'web'"
        + " and direction = 'in' and intent = 'ask_policy'").param(day).query(Integer.class).single()).isEqualTo(1);

    assertThat(retention.purge()).isZero();
    assertThat(statsTotal() - statsBefore).isEqualTo(purged);
  }

  @Test
  void theDialogueStateOfAConversationIdlePastTheRetentionPeriodIsCleared() {
    String idle = converse("我要报修，电话13812345678");
    String active = converse("我要报修");
    jdbc.sql("update conversation set state = 'pii.phone=secret', updated_at = updated_at - interval '181' day"
        + " where id = ?").param(idle).update();
    jdbc.sql("update conversation set state = 'pii.phone=secret' where id = ?").param(active).update();

    retention.purge();

    assertThat(jdbc.sql("select state from conversation where id = ?").param(idle).query(String.class).single())
        .isEmpty();
    assertThat(jdbc.sql("select state from conversation where id = ?").param(active).query(String.class).single())
        .isEqualTo("pii.phone=secret");
  }

  @Test
  void severalNodesRunningAtOnceCountEveryMessageOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = converse("医保怎么报销 " + i);
      age(id, 200);
      ids.add(id);
    }
    int expected = ids.stream().mapToInt(this::messagesIn).sum();
    int statsBefore = statsTotal();

    try (var pool = Executors.newFixedThreadPool(4)) {
      List<Callable<Integer>> nodes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        nodes.add(retention::purge);
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(nodes)) {
        total += f.get();
      }
      // later runs pick up anything a locked-out node left
      total += retention.purge();
      assertThat(total).isEqualTo(expected);
    }
    assertThat(ids.stream().mapToInt(this::purgedIn).sum()).isEqualTo(expected);
    assertThat(statsTotal() - statsBefore).isEqualTo(expected);
  }
}
