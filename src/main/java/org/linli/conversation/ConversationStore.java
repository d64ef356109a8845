package org.linli.conversation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.linli.care.CareService;
import org.linli.dialog.Channel;
import org.linli.dialog.Reply;
import org.linli.knowledge.Lang;
import org.linli.privacy.PersonalData;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Conversations and their messages in the database. Callers hold the transaction. */
@Repository
class ConversationStore {

  private static final TypeReference<List<Reply.Source>> SOURCES = new TypeReference<>() {};
  private static final TypeReference<List<Reply.Option>> OPTIONS = new TypeReference<>() {};

  private static final String CONVERSATION_COLUMNS =
      "select id, channel, resident_id, language, access_profile, mode, state, version";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final JsonMapper json;
  private final MessageTextCodec texts;

  ConversationStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, PersonalData personalData) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
    this.texts = new MessageTextCodec(personalData);
  }

  /**
   * @param writerActsForAnyone whether the resident who writes may act for someone else (a carer's
   *     record in force), when the query that read the row asked; null when it did not
   */
  record ConversationRow(
      String id,
      Channel channel,
      String residentId,
      Lang lang,
      String accessProfile,
      String mode,
      String state,
      long version,
      Boolean writerActsForAnyone) {}

  record MessageRow(
      long id,
      int seq,
      String direction,
      String author,
      Channel channel,
      String externalId,
      Long replyTo,
      String text,
      String intent,
      List<Reply.Source> sources,
      List<Reply.Option> options,
      Instant at) {}

  ConversationRow create(
      Channel channel, String residentId, Lang lang, String accessProfile, String state, Instant now) {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            "insert into conversation (id, channel, resident_id, language, access_profile, mode,"
                + " state, created_at, updated_at, version) values (?, ?, ?, ?, ?, 'bot', ?, ?, ?, 0)")
        .params(id, channel.code(), residentId, lang.code(), accessProfile, state, utc(now), utc(now))
        .update();
    return new ConversationRow(id, channel, residentId, lang, accessProfile, "bot", state, 0, null);
  }

  /** The conversation, locked until the transaction ends so that its turns run one at a time. */
  Optional<ConversationRow> lock(String id) {
    return jdbc.sql(
            CONVERSATION_COLUMNS
                + " from conversation where id = ? for update")
        .param(id)
        .query(ConversationStore::conversation)
        .optional();
  }

  Optional<ConversationRow> find(String id) {
    return jdbc.sql(
            CONVERSATION_COLUMNS
                + " from conversation where id = ?")
        .param(id)
        .query(ConversationStore::conversation)
        .optional();
  }

  void update(String id, Lang lang, String accessProfile, String state, Instant now) {
    jdbc.sql(
            "update conversation set language = ?, access_profile = ?, state = ?, updated_at = ?,"
                + " version = version + 1 where id = ?")
        .params(lang.code(), accessProfile, state, utc(now), id)
        .update();
  }

  /** The resident's most recent conversation on a channel, if it was active since {@code since}. */
  Optional<ConversationRow> latestOf(String residentId, Channel channel, Instant since) {
    return jdbc.sql(CONVERSATION_COLUMNS + LATEST)
        .params(residentId, channel.code(), utc(since))
        .query(ConversationStore::conversation)
        .optional();
  }

  /**
   * {@link #latestOf}, locked like {@link #lock}, and whether its writer acts for anyone (the
   * carer's question): one statement where a turn needs all three.
   */
  Optional<ConversationRow> lockLatestOf(String residentId, Channel channel, Instant since) {
    return jdbc.sql(LOCK_LATEST)
        .params(residentId, channel.code(), utc(since))
        .query((rs, row) -> conversation(rs, rs.getBoolean("acts_for_anyone")))
        .optional();
  }

  private static final String LATEST =
      " from conversation where resident_id = ? and channel = ? and updated_at >= ?"
          + " order by updated_at desc, id fetch first 1 rows only";

  // built once: lockLatestOf runs on every SMS, WeChat and phone turn
  private static final String LOCK_LATEST =
      CONVERSATION_COLUMNS + ", " + CareService.actsForAnyoneSql("conversation.resident_id")
          + " as acts_for_anyone" + LATEST + " for update";

  /** A conversation as the staff console lists it: no message text, nothing personal. */
  record SessionRow(
      String id, Lang lang, String mode, Instant startedAt, Instant lastActivity, int messages, String lastIntent) {}

  /** Conversations on a channel that were active since {@code since}, most recent first. */
  List<SessionRow> activeOn(Channel channel, Instant since) {
    return jdbc.sql(
            "select c.id, c.language, c.mode, c.created_at, c.updated_at,"
                + " (select count(*) from message m where m.conversation_id = c.id) as messages,"
                + " (select m.intent from message m where m.conversation_id = c.id and m.direction = 'in'"
                + " order by m.seq desc fetch first 1 rows only) as last_intent"
                + " from conversation c where c.channel = ? and c.updated_at >= ?"
                + " order by c.updated_at desc, c.id fetch first 100 rows only")
        .params(channel.code(), utc(since))
        .query((rs, row) -> new SessionRow(
            rs.getString("id"),
            Lang.fromCode(rs.getString("language")).orElse(Lang.ZH),
            rs.getString("mode"),
            rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant(),
            rs.getInt("messages"),
            rs.getString("last_intent")))
        .list();
  }

  void setMode(String id, String mode, Instant now) {
    jdbc.sql("update conversation set mode = ?, updated_at = ?, version = version + 1 where id = ?")
        .params(mode, utc(now), id)
        .update();
  }

  Optional<MessageRow> findInbound(Channel channel, String externalId) {
    return jdbc.sql(
            "select * from message where channel = ? and external_id = ? and direction = 'in'")
        .params(channel.code(), externalId)
        .query(this::message)
        .optional();
  }

  List<MessageRow> repliesTo(long inboundId) {
    return jdbc.sql("select * from message where reply_to = ? order by seq")
        .param(inboundId)
        .query(this::message)
        .list();
  }

  String conversationOf(long messageId) {
    return jdbc.sql("select conversation_id from message where id = ?")
        .param(messageId)
        .query(String.class)
        .single();
  }

  List<MessageRow> messages(String conversationId) {
    return jdbc.sql("select * from message where conversation_id = ? order by seq")
        .param(conversationId)
        .query(this::message)
        .list();
  }

  /** A resident's message as a turn stores it (the text already masked). */
  record Inbound(String externalId, String text, String intent, double confidence, Instant at) {}

  /**
   * Stores a resident's message and then the replies that answer it, numbered in this order, as
   * one JDBC batch: on PostgreSQL one round trip instead of one per message. Each reply points at
   * the message through the conversation's latest inbound message, which under the conversation's
   * row lock (held by the caller) is the one the batch has just stored. Returns the rows as a
   * later read gives them, the resident's message first.
   */
  List<MessageRow> appendExchange(
      String conversationId, Channel channel, Inbound inbound, List<Reply> replies, String replyIntent,
      Instant repliedAt) {
    List<NewMessage> rows = new ArrayList<>(replies.size() + 1);
    rows.add(new NewMessage("in", "resident", inbound.externalId(), false, inbound.text(), inbound.intent(),
        inbound.confidence(), List.of(), List.of(), inbound.at()));
    for (Reply reply : replies) {
      rows.add(new NewMessage("out", "assistant", null, true, reply.text(), replyIntent, null,
          reply.sources(), reply.options(), repliedAt));
    }
    return insert(conversationId, channel, rows);
  }

  /** A message to the resident that answers no inbound message: a staff reply or a notice. */
  MessageRow appendOutbound(String conversationId, Channel channel, String author, String text, Instant at) {
    return insert(conversationId, channel,
            List.of(new NewMessage("out", author, null, false, text, null, null, List.of(), List.of(), at)))
        .getFirst();
  }

  Optional<MessageRow> messageById(long id) {
    return jdbc.sql("select * from message where id = ?").param(id).query(this::message).optional();
  }

  /** A message to store; {@code answersInbound}: a reply to the conversation's latest inbound message. */
  private record NewMessage(
      String direction,
      String author,
      String externalId,
      boolean answersInbound,
      String text,
      String intent,
      Double confidence,
      List<Reply.Source> sources,
      List<Reply.Option> options,
      Instant at) {}

  // The next number in the conversation and the message a reply answers, in the same statement
  // (the caller holds the conversation's row lock, so no other message of it is being added). The
  // last number is read as the first row of uq_message_seq backwards: H2 reads every message of
  // the conversation for max(seq) (100 us at 1,000 messages, against 2 us). In a batch each
  // statement sees the rows of the ones before it.
  private static final String INSERT_MESSAGE =
      "insert into message (conversation_id, seq, direction, author, channel, external_id,"
          + " reply_to, " + MessageTextCodec.COLUMN + ", intent, confidence, sources, options, created_at)"
          + " values (?, coalesce((select m.seq from message m where m.conversation_id = ?"
          + " order by m.conversation_id desc, m.seq desc fetch first row only), 0) + 1, ?, ?, ?, ?,"
          + " case when ? then (select m.id from message m where m.conversation_id = ? and m.direction = 'in'"
          + " order by m.conversation_id desc, m.seq desc fetch first row only) end,"
          + " ?, ?, ?, ?, ?, ?)";

  /**
   * Stores messages of one conversation in this order and returns them as they now read from the
   * database, so that callers can publish them without reading them back.
   */
  private List<MessageRow> insert(String conversationId, Channel channel, List<NewMessage> rows) {
    List<Object[]> params = new ArrayList<>(rows.size());
    List<Instant> stored = new ArrayList<>(rows.size());
    for (NewMessage m : rows) {
      // the database keeps microseconds: the returned row must equal what a later read gives
      Instant at = m.at().truncatedTo(ChronoUnit.MICROS);
      stored.add(at);
      params.add(new Object[] {
        conversationId,
        conversationId,
        m.direction(),
        m.author(),
        channel.code(),
        m.externalId(),
        m.answersInbound(),
        conversationId,
        texts.seal(m.text()),
        m.intent(),
        m.confidence(),
        m.sources().isEmpty() ? null : json.writeValueAsString(m.sources()),
        m.options().isEmpty() ? null : json.writeValueAsString(m.options()),
        utc(at)
      });
    }
    var keys = new GeneratedKeyHolder();
    template.batchUpdate(
        connection -> connection.prepareStatement(INSERT_MESSAGE, new String[] {"id", "seq"}),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Object[] values = params.get(i);
            for (int p = 0; p < values.length; p++) {
              StatementCreatorUtils.setParameterValue(ps, p + 1, SqlTypeValue.TYPE_UNKNOWN, values[p]);
            }
          }

          @Override
          public int getBatchSize() {
            return params.size();
          }
        },
        keys);
    // Spring's generated-key maps ignore case (H2 reports ID and SEQ, PostgreSQL id and seq)
    List<Map<String, Object>> generated = keys.getKeyList();
    if (generated.size() != rows.size()) {
      throw new IllegalStateException(
          "the database returned keys for " + generated.size() + " of " + rows.size() + " messages");
    }
    List<MessageRow> result = new ArrayList<>(rows.size());
    Long inboundId = null;
    for (int i = 0; i < rows.size(); i++) {
      NewMessage m = rows.get(i);
      long id = ((Number) generated.get(i).get("id")).longValue();
      int seq = ((Number) generated.get(i).get("seq")).intValue();
      if (m.direction().equals("in")) {
        inboundId = id;
      }
      result.add(new MessageRow(id, seq, m.direction(), m.author(), channel, m.externalId(),
          m.answersInbound() ? inboundId : null, m.text(), m.intent(), m.sources(), m.options(), stored.get(i)));
    }
    return result;
  }

  private static ConversationRow conversation(ResultSet rs, int row) throws SQLException {
    return conversation(rs, null);
  }

  private static ConversationRow conversation(ResultSet rs, Boolean writerActsForAnyone) throws SQLException {
    return new ConversationRow(
        rs.getString("id"),
        Channel.fromCode(rs.getString("channel")).orElseThrow(),
        rs.getString("resident_id"),
        Lang.fromCode(rs.getString("language")).orElse(Lang.ZH),
        rs.getString("access_profile"),
        rs.getString("mode"),
        rs.getString("state"),
        rs.getLong("version"),
        writerActsForAnyone);
  }

  private MessageRow message(ResultSet rs, int row) throws SQLException {
    long replyToValue = rs.getLong("reply_to");
    Long replyTo = rs.wasNull() ? null : replyToValue;
    String sources = rs.getString("sources");
    String options = rs.getString("options");
    return new MessageRow(
        rs.getLong("id"),
        rs.getInt("seq"),
        rs.getString("direction"),
        rs.getString("author"),
        Channel.fromCode(rs.getString("channel")).orElseThrow(),
        rs.getString("external_id"),
        replyTo,
        texts.read(rs),
        rs.getString("intent"),
        sources == null ? List.of() : json.readValue(sources, SOURCES),
        options == null ? List.of() : json.readValue(options, OPTIONS),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
