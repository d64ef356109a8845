package org.linli.dataprotection;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.audit.AuditLog;
import org.linli.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A resident's rights over their data (PIPL arts. 45 and 47): everything stored about them, as
 * JSON, and its erasure. Reaches into the tables of several features on purpose: this is the one
 * place that must know every table holding a resident's data. Each export and erasure is in the
 * audit log, in the same transaction.
 */
@Service
public class ResidentData {

  static final String ERASED = "[已按居民要求删除 erased on request]";

  private final JdbcClient jdbc;
  private final PersonalData personalData;
  private final AuditLog audit;

  ResidentData(JdbcClient jdbc, PersonalData personalData, AuditLog audit) {
    this.jdbc = jdbc;
    this.personalData = personalData;
    this.audit = audit;
  }

  /** Everything stored about the resident, contacts decrypted. */
  @Transactional
  public Map<String, Object> export(String actor, String residentId) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("residentId", residentId);
    out.put("createdAt", jdbc.sql("select created_at from resident where id = ?").param(residentId)
        .query(OffsetDateTime.class).single());
    out.put("identities", jdbc.sql(
            "select kind, address_enc, created_at from resident_identity where resident_id = ? order by id")
        .param(residentId)
        .query((rs, i) -> row("kind", rs.getString(1), "value", personalData.decrypt(rs.getString(2)),
            "createdAt", rs.getObject(3, OffsetDateTime.class)))
        .list());
    List<Map<String, Object>> conversations = jdbc.sql(
            "select id, channel, language, created_at, updated_at from conversation where resident_id = ? order by created_at")
        .param(residentId)
        .query((rs, i) -> row("id", rs.getString(1), "channel", rs.getString(2), "language", rs.getString(3),
            "createdAt", rs.getObject(4, OffsetDateTime.class), "updatedAt", rs.getObject(5, OffsetDateTime.class)))
        .list();
    for (Map<String, Object> c : conversations) {
      c.put("messages", jdbc.sql(
              "select direction, author, text, intent, created_at, purged_at, text_enc from message"
                  + " where conversation_id = ? order by seq")
          .param(c.get("id"))
          .query((rs, i) -> row("direction", rs.getString(1), "author", rs.getString(2),
              "text", personalData.read(rs.getString(7), rs.getString(3)),
              "intent", rs.getString(4), "at", rs.getObject(5, OffsetDateTime.class),
              "purgedAt", rs.getObject(6, OffsetDateTime.class)))
          .list());
    }
    out.put("conversations", conversations);
    List<Map<String, Object>> orders = jdbc.sql(
            "select id, number, category, coalesce(summary_enc, summary), coalesce(location_enc, location),"
                + " status, contact_enc, rating, rating_comment, created_at, closed_at, summary_enc,"
                + " location_enc, rating_comment_enc from work_order where " + ORDERS_OF_RESIDENT + " order by id")
        .params(residentId, residentId)
        .query((rs, i) -> row("id", rs.getLong(1), "number", rs.getString(2), "category", rs.getString(3),
            "summary", rs.getString(12) == null ? rs.getString(4) : personalData.decrypt(rs.getString(12)),
            "location", rs.getString(13) == null ? rs.getString(5) : personalData.decrypt(rs.getString(13)),
            "status", rs.getString(6),
            "contact", rs.getString(7) == null ? null : personalData.decrypt(rs.getString(7)),
            "rating", rs.getObject(8), "ratingComment", personalData.read(rs.getString(14), rs.getString(9)),
            "createdAt", rs.getObject(10, OffsetDateTime.class), "closedAt", rs.getObject(11, OffsetDateTime.class)))
        .list();
    for (Map<String, Object> o : orders) {
      o.put("history", jdbc.sql(
              "select at, actor, type, detail, detail_enc from work_order_event"
                  + " where work_order_id = ? and type <> 'note' order by id")
          .param(o.remove("id"))
          .query((rs, i) -> row("at", rs.getObject(1, OffsetDateTime.class), "actor", rs.getString(2),
              "type", rs.getString(3), "detail", personalData.read(rs.getString(5), rs.getString(4))))
          .list());
    }
    out.put("workOrders", orders);
    out.put("support", jdbc.sql(
            "select needs, consent_at, note, withdrawn_at, note_enc from resident_support where resident_id = ?")
        .param(residentId)
        .query((rs, i) -> row("needs", rs.getString(1), "consentAt", rs.getObject(2, OffsetDateTime.class),
            "note", personalData.read(rs.getString(5), rs.getString(3)), "withdrawnAt", rs.getObject(4, OffsetDateTime.class)))
        .list());
    out.put("proxies", jdbc.sql(
            "select resident_id, proxy_resident_id, relation, consent_at, revoked_at from resident_proxy"
                + " where resident_id = ? or proxy_resident_id = ? order by id")
        .params(residentId, residentId)
        .query((rs, i) -> row("residentId", rs.getString(1), "proxyResidentId", rs.getString(2),
            "relation", rs.getString(3), "consentAt", rs.getObject(4, OffsetDateTime.class),
            "revokedAt", rs.getObject(5, OffsetDateTime.class)))
        .list());
    audit.record(actor, "resident.exported", "resident:" + residentId,
        "conversations=" + conversations.size() + " work_orders=" + orders.size());
    return out;
  }

  private static final String ORDERS_OF_RESIDENT =
      "(resident_id = ? or conversation_id in (select id from conversation where resident_id = ?))";

  /**
   * Erases the resident: message text and their channel identities are deleted, conversations and
   * work orders stay as anonymous records (no resident, no contact, no words of theirs), so case
   * numbers and statistics still add up. Returns what was done, by table.
   */
  @Transactional
  public Map<String, Integer> erase(String actor, String residentId) {
    Map<String, Integer> done = new LinkedHashMap<>();
    String conversationsOf = "conversation_id in (select id from conversation where resident_id = ?)";
    jdbc.sql("update message set reply_to = null where " + conversationsOf).param(residentId).update();
    done.put("messages", jdbc.sql("delete from message where " + conversationsOf).param(residentId).update());
    // photos and places they sent by WeChat: the photo deleted, the place and links emptied
    jdbc.sql("delete from wechat_media where evidence_id in (select id from wechat_evidence where "
            + conversationsOf + ")")
        .param(residentId).update();
    done.put("wechatEvidence", jdbc.sql(
            "update wechat_evidence set label = null, label_enc = null, pic_url = null, media_id = null,"
                + " latitude = null, longitude = null, map_scale = null,"
                + " media_status = case when media_status is null then null else 'purged' end"
                + " where " + conversationsOf)
        .param(residentId).update());
    done.put("outbox", jdbc.sql(
            "update outbox set text = '', text_enc = null, recipient_enc = null,"
                + " status = case when status in ('pending', 'sending') then 'failed' else status end,"
                + " last_error = case when status in ('pending', 'sending') then 'resident erased' else last_error end"
                + " where " + conversationsOf)
        .param(residentId).update());
    List<Long> orders = jdbc.sql("select id from work_order where " + ORDERS_OF_RESIDENT)
        .params(residentId, residentId).query(Long.class).list();
    for (long id : orders) {
      jdbc.sql("update work_order_event set detail = ?, detail_enc = null where work_order_id = ? and type in"
              + " ('resident_message', 'rated', 'message', 'resolved')")
          .params(ERASED, id).update();
      jdbc.sql("update work_order set resident_id = null, contact_enc = null, location = null, summary = ?,"
              + " location_enc = null, summary_enc = null,"
              + " rating_comment = null, rating_comment_enc = null,"
              + " resolution = case when resolution is null and resolution_enc is null then null else ? end,"
              + " resolution_enc = null where id = ?")
          .params(ERASED, ERASED, id).update();
      jdbc.sql("update home_visit set address = ?, address_enc = null where work_order_id = ?")
          .params(ERASED, id).update();
    }
    done.put("workOrders", orders.size());
    done.put("conversations", jdbc.sql(
            "update conversation set resident_id = null, state = '' where resident_id = ?")
        .param(residentId).update());
    jdbc.sql("delete from resident_support where resident_id = ?").param(residentId).update();
    done.put("proxies", jdbc.sql("delete from resident_proxy where resident_id = ? or proxy_resident_id = ?")
        .params(residentId, residentId).update());
    done.put("identities", jdbc.sql("delete from resident_identity where resident_id = ?")
        .param(residentId).update());
    jdbc.sql("delete from resident where id = ?").param(residentId).update();
    audit.record(actor, "resident.erased", "resident:" + residentId, done.toString());
    return done;
  }

  private static Map<String, Object> row(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
