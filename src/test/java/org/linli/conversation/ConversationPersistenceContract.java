package org.linli.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.linli.dialog.Channel;
import org.linli.dialog.ConversationHistory;
import org.linli.dialog.ConversationPort;
import org.linli.dialog.InboundMessage;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnOutcome;
import org.linli.dialog.UnknownConversationException;
import org.linli.privacy.PersonalData;
import org.linli.resident.IdentityKind;
import org.linli.resident.ResidentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What residents rely on from storage, run against each supported database (H2 and PostgreSQL):
 * a question and its answer are kept together, retries never run a second turn, nothing is stored
 * for a bad request, and contact details are never stored in clear.
 */
abstract class ConversationPersistenceContract {

  @Autowired ConversationPort conversations;
  @Autowired ResidentDirectory residents;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate template;
  @Autowired PlatformTransactionManager transactions;
  @Autowired PersonalData personalData;

  private static InboundMessage message(
      Channel channel, String conversationId, String externalId, String text) {
    return new InboundMessage(
        channel, conversationId, null, externalId, text, null, Instant.now());
  }

  @Test
  void aQuestionAndItsAnswerAreStoredTogetherWithTheSource() {
    TurnOutcome outcome = conversations.handle(message(Channel.WEB, null, null, "高龄津贴怎么申请"));

    ConversationHistory history = conversations.history(outcome.conversationId()).orElseThrow();
    assertThat(history.messages()).extracting(ConversationHistory.Entry::direction)
        .containsExactly("in", "out");
    assertThat(history.messages().get(0).text()).isEqualTo("高龄津贴怎么申请");
    assertThat(history.messages().get(1).sources())
        .extracting(s -> s.docId())
        .containsExactly("elderly-allowance");
  }

  @Test
  void aConversationContinuesAcrossTurnsInOrder() {
    TurnOutcome first = conversations.handle(message(Channel.KIOSK, null, null, "高龄津贴怎么申请"));
    TurnOutcome second =
        conversations.handle(message(Channel.KIOSK, first.conversationId(), null, "低保怎么申请"));

    assertThat(second.conversationId()).isEqualTo(first.conversationId());
    assertThat(conversations.history(first.conversationId()).orElseThrow().messages())
        .extracting(ConversationHistory.Entry::text)
        .first()
        .isEqualTo("高龄津贴怎么申请");
    assertThat(conversations.history(first.conversationId()).orElseThrow().messages()).hasSize(4);
  }

  @Test
  void interleavedConversationsEachNumberTheirOwnMessagesInOrder() {
    List<String> questions = List.of("高龄津贴怎么申请", "低保怎么申请", "医保怎么报销");
    String a = null;
    String b = null;
    for (String question : questions) {
      a = conversations.handle(message(Channel.WEB, a, null, question)).conversationId();
      b = conversations.handle(message(Channel.WEB, b, null, "B " + question)).conversationId();
    }

    for (String id : List.of(a, b)) {
      List<Integer> numbers =
          jdbc.sql("select seq from message where conversation_id = ? order by id")
              .param(id)
              .query(Integer.class)
              .list();
      assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6);
    }
    assertThat(conversations.history(b).orElseThrow().messages())
        .filteredOn(m -> m.direction().equals("in"))
        .extracting(ConversationHistory.Entry::text)
        .containsExactly("B 高龄津贴怎么申请", "B 低保怎么申请", "B 医保怎么报销");
  }

  @Test
  void aRetriedMessageIsAnsweredFromTheStoreWithoutASecondTurn() {
    String externalId = "retry-" + System.nanoTime();
    TurnOutcome first = conversations.handle(message(Channel.SMS, null, externalId, "医保怎么报销"));
    TurnOutcome retry = conversations.handle(message(Channel.SMS, null, externalId, "医保怎么报销"));

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.conversationId()).isEqualTo(first.conversationId());
    assertThat(retry.replies()).isEqualTo(first.replies());
    assertThat(conversations.history(first.conversationId()).orElseThrow().messages()).hasSize(2);
  }

  @Test
  void aRetriedFirstMessageOpensNoSecondConversation() {
    String externalId = "first-" + System.nanoTime();
    TurnOutcome first = conversations.handle(message(Channel.WEB, null, externalId, "高龄津贴怎么申请"));
    int before = jdbc.sql("select count(*) from conversation").query(Integer.class).single();

    TurnOutcome retry = conversations.handle(message(Channel.WEB, null, externalId, "高龄津贴怎么申请"));

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.conversationId()).isEqualTo(first.conversationId());
    assertThat(retry.replies()).isEqualTo(first.replies());
    assertThat(jdbc.sql("select count(*) from conversation").query(Integer.class).single()).isEqualTo(before);
    assertThat(conversations.history(first.conversationId()).orElseThrow().messages()).hasSize(2);
  }

  @Test
  void everyReplyOfATurnFollowsTheResidentsMessageAndAnswersIt() {
    TurnOutcome outcome = conversations.handle(message(Channel.WEB, null, null, "我要找人工"));

    // the order's number and the place in the queue: more than one reply to one message
    assertThat(outcome.replies()).hasSizeGreaterThan(1);
    List<long[]> rows =
        jdbc.sql("select id, seq, case when direction = 'in' then 1 else 0 end, coalesce(reply_to, 0)"
                + " from message where conversation_id = ? order by seq")
            .param(outcome.conversationId())
            .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
            .list();
    assertThat(rows).hasSize(outcome.replies().size() + 1);
    long inbound = rows.getFirst()[0];
    assertThat(rows.getFirst()[2]).as("the resident's message comes first").isEqualTo(1);
    assertThat(rows.getFirst()[3]).as("it answers nothing").isZero();
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i)[1]).isEqualTo(i + 1);
      assertThat(rows.get(i)[2]).isZero();
      assertThat(rows.get(i)[3]).as("reply %d answers the resident's message", i).isEqualTo(inbound);
    }
    assertThat(conversations.history(outcome.conversationId()).orElseThrow().messages())
        .extracting(ConversationHistory.Entry::text)
        .containsExactlyElementsOf(
            Stream.concat(
                    Stream.of("我要找人工"),
                    outcome.replies().stream().map(Reply::text))
                .toList());
  }

  @Test
  void aRetriedRequestForAPersonOpensNoSecondOrder() {
    String externalId = "person-" + System.nanoTime();
    TurnOutcome first = conversations.handle(message(Channel.WEB, null, externalId, "我要找人工"));
    assertThat(first.handoff()).isNotNull();
    int orders = jdbc.sql("select count(*) from work_order").query(Integer.class).single();
    int conversationsBefore = jdbc.sql("select count(*) from conversation").query(Integer.class).single();

    // a first message retried opens a conversation of its own and runs the whole turn, the order
    // included, before its message meets the stored one: all of it is rolled back
    TurnOutcome retry = conversations.handle(message(Channel.WEB, null, externalId, "我要找人工"));

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.conversationId()).isEqualTo(first.conversationId());
    assertThat(retry.replies()).extracting(Reply::text)
        .containsExactlyElementsOf(first.replies().stream().map(Reply::text).toList());
    assertThat(jdbc.sql("select count(*) from work_order").query(Integer.class).single()).isEqualTo(orders);
    assertThat(jdbc.sql("select count(*) from conversation").query(Integer.class).single())
        .isEqualTo(conversationsBefore);
  }

  @Test
  void aRetryInsideACallersTransactionIsAnsweredFromTheStore() {
    String externalId = "joined-" + System.nanoTime();
    TurnOutcome first = conversations.handle(message(Channel.SMS, null, externalId, "低保怎么申请"));

    TurnOutcome retry =
        new TransactionTemplate(transactions)
            .execute(tx -> conversations.handle(message(Channel.SMS, null, externalId, "低保怎么申请")));

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.conversationId()).isEqualTo(first.conversationId());
    assertThat(retry.replies()).isEqualTo(first.replies());
    assertThat(conversations.history(first.conversationId()).orElseThrow().messages()).hasSize(2);
  }

  @Test
  void concurrentDeliveriesOfOneMessageRunOneTurn() throws Exception {
    String externalId = "race-" + System.nanoTime();
    int deliveries = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(deliveries);
    try {
      List<Future<TurnOutcome>> results = new ArrayList<>();
      for (int i = 0; i < deliveries; i++) {
        Callable<TurnOutcome> delivery =
            () -> {
              start.await();
              return conversations.handle(message(Channel.WECHAT, null, externalId, "垃圾怎么分类"));
            };
        results.add(pool.submit(delivery));
      }
      start.countDown();
      List<TurnOutcome> outcomes = new ArrayList<>();
      for (Future<TurnOutcome> f : results) {
        outcomes.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(outcomes).extracting(TurnOutcome::conversationId).containsOnly(outcomes.get(0).conversationId());
      assertThat(outcomes).filteredOn(o -> !o.duplicate()).hasSize(1);
      assertThat(
              jdbc.sql("select count(*) from message where channel = 'wechat' and external_id = ?")
                  .param(externalId)
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);
      assertThat(conversations.history(outcomes.get(0).conversationId()).orElseThrow().messages())
          .hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A water outage: many people text for the first time at once, more than the connection pool
   * has connections. Registering a new phone number must not need a second connection while the
   * turn holds one (it once did, and every turn then waited out the pool's timeout).
   */
  @Test
  void aFloodOfFirstContactsLargerThanTheConnectionPoolIsAnswered() throws Exception {
    int people = 24;
    long base = 13900000000L + (System.nanoTime() % 1_000_000) * 100;
    int identitiesBefore = jdbc.sql("select count(*) from resident_identity").query(Integer.class).single();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(people * 2);
    try {
      List<Future<TurnOutcome>> results = new ArrayList<>();
      for (int i = 0; i < people * 2; i++) {
        String phone = Long.toString(base + i % people); // each number writes twice at once
        results.add(pool.submit(() -> {
          start.await();
          return conversations.handle(fromPhone(Channel.SMS, phone, "高龄津贴怎么申请"));
        }));
      }
      start.countDown();
      for (Future<TurnOutcome> f : results) {
        assertThat(f.get(120, TimeUnit.SECONDS).replies()).isNotEmpty();
      }
      // one resident per number, however the two first messages raced, and both messages in
      // one conversation
      assertThat(jdbc.sql("select count(*) from resident_identity").query(Integer.class).single())
          .isEqualTo(identitiesBefore + people);
      for (int i = 0; i < people; i++) {
        String hash = residents.lookupKey(IdentityKind.PHONE, Long.toString(base + i));
        assertThat(jdbc.sql("select count(*) from conversation c join resident_identity r on r.resident_id = c.resident_id"
                    + " where r.address_hash = ? and c.channel = 'sms'")
                .param(hash).query(Integer.class).single())
            .as("conversations of number %d", i)
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMessageForAnUnknownConversationStoresNothing() {
    int before = count("message");
    int conversationsBefore = count("conversation");

    assertThatThrownBy(
            () -> conversations.handle(message(Channel.WEB, "no-such-conversation", null, "你好")))
        .isInstanceOf(UnknownConversationException.class);

    assertThat(count("message")).isEqualTo(before);
    assertThat(count("conversation")).isEqualTo(conversationsBefore);
  }

  @Test
  void aConversationCannotBeContinuedFromAnotherChannel() {
    TurnOutcome web = conversations.handle(message(Channel.WEB, null, null, "你好"));

    assertThatThrownBy(
            () -> conversations.handle(message(Channel.KIOSK, web.conversationId(), null, "你好")))
        .isInstanceOf(UnknownConversationException.class);
  }

  @Test
  void aResidentTextingAgainContinuesTheirConversationAndOthersGetTheirOwn() {
    String phone = "1390000" + (System.nanoTime() % 10000 + 10000);
    TurnOutcome first = conversations.handle(fromPhone(Channel.SMS, phone, "高龄津贴怎么申请"));
    TurnOutcome again = conversations.handle(fromPhone(Channel.SMS, "+86 " + phone, "要带什么材料"));
    TurnOutcome other = conversations.handle(fromPhone(Channel.SMS, "13700000001", "低保怎么申请"));

    assertThat(again.conversationId()).isEqualTo(first.conversationId());
    assertThat(other.conversationId()).isNotEqualTo(first.conversationId());
    assertThat(conversations.history(first.conversationId()).orElseThrow().messages()).hasSize(4);
  }

  @Test
  void idCardNumbersAreMaskedBeforeTheMessageIsStored() {
    TurnOutcome outcome =
        conversations.handle(message(Channel.WEB, null, null, "我的身份证号是11010519491231002X，能领高龄津贴吗"));

    String stored = conversations.history(outcome.conversationId()).orElseThrow().messages().get(0).text();
    assertThat(stored).doesNotContain("11010519491231002X").contains("002X");
  }

  private static InboundMessage fromPhone(Channel channel, String phone, String text) {
    return new InboundMessage(channel, null, phone, null, text, null, Instant.now());
  }

  @Test
  void phoneNumbersAreFoundAgainButNeverStoredInClear() {
    String id = residents.residentFor(IdentityKind.PHONE, "+86 138 1234 5678");

    assertThat(residents.residentFor(IdentityKind.PHONE, "13812345678")).isEqualTo(id);
    assertThat(residents.contact(id, IdentityKind.PHONE)).contains("13812345678");
    List<String> stored =
        jdbc.sql("select address_hash || ' ' || address_enc from resident_identity")
            .query(String.class)
            .list();
    assertThat(stored).isNotEmpty().noneMatch(row -> row.contains("12345678"));
  }

  /** Every stored column of the conversation's messages, as the database holds them. */
  private List<String> rawMessageColumns(String conversationId) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select text, text_enc, sources, options from message where conversation_id = ?")) {
      ps.setString(1, conversationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int i = 1; i <= 4; i++) {
            values.add(rs.getString(i));
          }
        }
      }
    }
    return values;
  }

  @Test
  void whatAResidentWritesIsStoredOnlyEncryptedAndReadBackInFull() throws SQLException {
    String words = "我住幸福小区3栋502，有糖尿病，高龄津贴怎么申请";
    TurnOutcome outcome = conversations.handle(message(Channel.WEB, null, null, words));

    List<String> raw = rawMessageColumns(outcome.conversationId());
    assertThat(raw).isNotEmpty()
        .noneMatch(v -> v != null && (v.contains("幸福小区") || v.contains("糖尿病")));
    assertThat(jdbc.sql("select count(*) from message where conversation_id = ? and text is not null")
            .param(outcome.conversationId()).query(Integer.class).single())
        .isZero();
    // the dialogue state (a report form in progress, the last reply) is sealed as a whole
    assertThat(jdbc.sql("select state from conversation where id = ?").param(outcome.conversationId())
            .query(String.class).single())
        .startsWith("enc:");
    var history = conversations.history(outcome.conversationId()).orElseThrow().messages();
    assertThat(history.get(0).text()).isEqualTo(words);
    assertThat(history.get(1).text()).isEqualTo(outcome.replies().get(0).text());
  }

  /**
   * Messages written in clear before V131, half of them already encrypted by a start that
   * crashed, are encrypted by two nodes starting at once: each row exactly once, a purged text
   * stays empty, and the conversation reads the same before, during and after.
   */
  @Test
  void textsStoredInClearBeforeAreEncryptedOnceEvenByTwoNodesAtOnce() throws Exception {
    TurnOutcome outcome = conversations.handle(message(Channel.WEB, null, null, "你好"));
    String id = outcome.conversationId();
    int rows = 1_100;
    Instant at = Instant.now();
    for (int i = 0; i < rows; i++) {
      jdbc.sql("insert into message (conversation_id, seq, direction, author, channel, text, created_at)"
              + " values (?, ?, 'in', 'resident', 'web', ?, ?)")
          .params(id, 100 + i, "旧消息 " + i + " 建设路" + i + "号", at.atOffset(ZoneOffset.UTC))
          .update();
    }
    jdbc.sql("insert into message (conversation_id, seq, direction, author, channel, text, created_at, purged_at)"
            + " values (?, ?, 'in', 'resident', 'web', '', ?, ?)")
        .params(id, 100 + rows, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC))
        .update();
    // the first batches of a start that crashed: those rows are sealed already
    var done = jdbc.sql("select id, text from message where conversation_id = ? and seq between 100 and 399")
        .param(id).query().listOfRows();
    for (var row : done) {
      jdbc.sql("update message set text_enc = ?, text = null where id = ?")
          .params(personalData.encrypt((String) row.get("text")), row.get("id"))
          .update();
    }
    List<String> expected = new ArrayList<>(conversations.history(id).orElseThrow().messages().stream()
        .limit(2).map(ConversationHistory.Entry::text).toList());
    IntStream.range(0, rows).forEach(i -> expected.add("旧消息 " + i + " 建设路" + i + "号"));
    expected.add("");
    assertThat(conversations.history(id).orElseThrow().messages())
        .extracting(ConversationHistory.Entry::text).containsExactlyElementsOf(expected);

    CountDownLatch start = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> encrypted = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        MessageEncryption encryption = new MessageEncryption(jdbc, template, transactions, personalData);
        encrypted.add(nodes.submit(() -> {
          start.await();
          return encryption.encryptLegacyRows();
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : encrypted) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(rows - done.size());
    } finally {
      nodes.shutdownNow();
    }

    assertThat(rawMessageColumns(id)).noneMatch(v -> v != null && v.contains("建设路"));
    assertThat(jdbc.sql("select text from message where conversation_id = ? and purged_at is not null")
            .param(id).query(String.class).single())
        .isEmpty();
    assertThat(conversations.history(id).orElseThrow().messages())
        .extracting(ConversationHistory.Entry::text).containsExactlyElementsOf(expected);
  }

  private int count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
  }
}
