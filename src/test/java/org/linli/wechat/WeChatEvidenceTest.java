package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.dataprotection.RetentionJob;
import org.linli.security.StaffAccounts;
import org.linli.security.StaffMember;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Photos and places a resident sends in WeChat become evidence of the work order: staff who may
 * see the order see the place (label and coordinates) and the photo, which is downloaded from
 * WeChat's (stubbed) media API before WeChat forgets it; every view of a photo is audited.
 */
class WeChatEvidenceTest extends WeChatTestBase {

  static final String PASSWORD = "evidence-test-pw-1";

  @Autowired WeChatEvidence evidence;
  @Autowired StaffAccounts accounts;
  @Autowired RetentionJob retention;

  /** Photos other tests left due would share the worker's batch (and the stub's one failure). */
  @BeforeEach
  void otherPhotosOutOfTheWay() {
    jdbc.sql("update wechat_evidence set media_status = 'refused', media_error = 'other test'"
            + " where media_status in ('pending', 'fetching')")
        .update();
  }

  @BeforeEach
  void staff() {
    if (!accounts.exists("wx_muni")) {
      accounts.create("test", "wx_muni", "市政小周", "municipal", EnumSet.of(StaffMember.Role.STAFF), PASSWORD, false);
      accounts.create("test", "wx_service", "窗口小吴", "service", EnumSet.of(StaffMember.Role.STAFF), PASSWORD, false);
      accounts.create("test", "wx_prop", "物业小郑", "property", EnumSet.of(StaffMember.Role.STAFF), PASSWORD, false);
    }
  }

  /** A JPEG as a phone camera makes it: its magic number, then (here) a megabyte and a half. */
  static byte[] jpeg(int size, int seed) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) seed);
    bytes[0] = (byte) 0xff;
    bytes[1] = (byte) 0xd8;
    bytes[2] = (byte) 0xff;
    bytes[3] = (byte) 0xe0;
    return bytes;
  }

  static String mediaId() {
    return "media-" + UUID.randomUUID();
  }

  @Test
  void aPhotoAndAPlaceSentDuringAReportAreShownToStaffOnTheOrder() throws Exception {
    String openId = newOpenId();
    String mediaId = mediaId();
    byte[] photo = jpeg(1_500_000, 7);
    STUB.media(mediaId, photo);

    ok(WeChatRequests.plain(WeChatRequests.text(openId, "路灯坏了，晚上很黑", WeChatRequests.nextMsgId())));
    long photoMsg = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.image(openId, photoMsg, mediaId)));
    ok(WeChatRequests.plain(WeChatRequests.location(openId, "幸福小区3号楼", WeChatRequests.nextMsgId())));
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "13800138000", WeChatRequests.nextMsgId())));
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "对", WeChatRequests.nextMsgId())));
    String number = orderOf(photoMsg);

    // acknowledged first; the photo is fetched afterwards, by the media worker
    assertThat(evidence.fetchDue()).isGreaterThanOrEqualTo(1);
    assertThat(STUB.calls("/cgi-bin/media/get"))
        .anySatisfy(c -> assertThat(c.query()).contains("media_id=" + mediaId));

    String json =
        mvc.perform(get("/api/staff/tickets/" + number).with(httpBasic("wx_muni", PASSWORD)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.evidence[0].kind").value("image"))
            .andExpect(jsonPath("$.evidence[0].photo").value("stored"))
            .andExpect(jsonPath("$.evidence[1].kind").value("location"))
            .andExpect(jsonPath("$.evidence[1].label").value("幸福小区3号楼"))
            .andExpect(jsonPath("$.evidence[1].latitude").value(31.2304))
            .andExpect(jsonPath("$.evidence[1].longitude").value(121.4737))
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    String photoUrl = com.jayway.jsonpath.JsonPath.read(json, "$.evidence[0].photoUrl");

    mvc.perform(get(photoUrl).with(httpBasic("wx_muni", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "image/jpeg"))
        .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
        .andExpect(content().bytes(photo));
    assertThat(
            jdbc.sql("select count(*) from audit_event where actor = 'wx_muni' and action = 'evidence.view'"
                    + " and subject = ?")
                .param("work_order:" + number)
                .query(Integer.class)
                .single())
        .isEqualTo(1);

    // the console's order page shows the place and the photo too
    String page =
        mvc.perform(get("/staff/tickets/" + number)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                    .user("wx_muni").roles("STAFF")))
            .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(page).contains("幸福小区3号楼").contains("31.2304")
        .contains("/staff/tickets/" + number + "/evidence/");

    // the order's place (the address) is encrypted at rest, whole on the order, masked in the queue
    String locationEnc =
        jdbc.sql("select location_enc from work_order where number = ?").param(number)
            .query(String.class).single();
    assertThat(locationEnc).isNotBlank().doesNotContain("幸福小区");
    mvc.perform(get("/api/staff/tickets/" + number).with(httpBasic("wx_muni", PASSWORD)))
        .andExpect(jsonPath("$.location").value(org.hamcrest.Matchers.containsString("幸福小区3号楼")));
    mvc.perform(get("/api/staff/tickets").param("q", number).with(httpBasic("wx_muni", PASSWORD)))
        .andExpect(jsonPath("$[0].number").value(number))
        .andExpect(jsonPath("$[0].location").value(org.hamcrest.Matchers.not(
            org.hamcrest.Matchers.containsString("3号楼"))));

    // another department sees neither the order nor its photo
    mvc.perform(get(photoUrl).with(httpBasic("wx_prop", PASSWORD))).andExpect(status().isNotFound());
  }

  @Test
  void aPhotoSentWhileAnOrderIsOpenIsAttachedToThatOrder() throws Exception {
    String openId = newOpenId();
    long first = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "转人工", first)));
    String number = orderOf(first);

    long photoMsg = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.image(openId, photoMsg, mediaId())));

    assertThat(
            jdbc.sql("select w.number from wechat_evidence e join work_order w on w.id = e.work_order_id"
                    + " where e.external_id = ?")
                .param(String.valueOf(photoMsg))
                .query(String.class)
                .single())
        .isEqualTo(number);
  }

  @Test
  void anExpiredPhotoOrAFileThatIsNotAnImageIsNotKeptAndStaffAreToldWhy() throws Exception {
    String openId = newOpenId();
    long first = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "转人工", first)));
    String number = orderOf(first);
    String notAnImage = mediaId();
    STUB.media(notAnImage, "<html><script>alert(1)</script></html>".getBytes());
    long expiredMsg = WeChatRequests.nextMsgId();
    long htmlMsg = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.image(openId, expiredMsg, mediaId())));
    ok(WeChatRequests.plain(WeChatRequests.image(openId, htmlMsg, notAnImage)));

    evidence.fetchDue();

    assertThat(mediaStatus(expiredMsg)).isEqualTo("refused");
    assertThat(mediaStatus(htmlMsg)).isEqualTo("refused");
    assertThat(storedPhotos(expiredMsg) + storedPhotos(htmlMsg)).isZero();
    mvc.perform(get("/api/staff/tickets/" + number).with(httpBasic("wx_service", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.evidence[0].photo").value("refused"))
        .andExpect(jsonPath("$.evidence[0].photoProblem").value("expired"))
        .andExpect(jsonPath("$.evidence[0].photoUrl").doesNotExist())
        .andExpect(jsonPath("$.evidence[1].photoProblem").value("not_an_image"));
  }

  @Test
  void aPhotoIsFetchedAgainLaterWhenWeChatIsBusy() throws Exception {
    String openId = newOpenId();
    String mediaId = mediaId();
    STUB.media(mediaId, jpeg(2048, 1));
    long msg = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.image(openId, msg, mediaId)));
    STUB.failOnceWith("/cgi-bin/media/get", "{\"errcode\":-1,\"errmsg\":\"system error\"}");
    evidence.fetchDue();

    assertThat(mediaStatus(msg)).isEqualTo("pending");
    assertThat(storedPhotos(msg)).isZero();
    // as if the back-off had passed
    jdbc.sql("update wechat_evidence set media_next_at = ? where external_id = ?")
        .params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), String.valueOf(msg))
        .update();
    evidence.fetchDue();
    assertThat(mediaStatus(msg)).isEqualTo("stored");
    assertThat(storedPhotos(msg)).isEqualTo(1);
  }

  @Test
  void retentionDeletesThePhotoAndThePlaceWithTheMessages() throws Exception {
    String openId = newOpenId();
    String mediaId = mediaId();
    STUB.media(mediaId, jpeg(4096, 3));
    long photoMsg = WeChatRequests.nextMsgId();
    long placeMsg = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plain(WeChatRequests.image(openId, photoMsg, mediaId)));
    ok(WeChatRequests.plain(WeChatRequests.location(openId, "幸福小区5号楼", placeMsg)));
    evidence.fetchDue();
    assertThat(storedPhotos(photoMsg)).isEqualTo(1);
    var old = Instant.now().minus(400, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
    for (long id : new long[] {photoMsg, placeMsg}) {
      jdbc.sql("update wechat_evidence set created_at = ? where external_id = ?")
          .params(old, String.valueOf(id))
          .update();
    }

    retention.purge();

    assertThat(storedPhotos(photoMsg)).isZero();
    assertThat(mediaStatus(photoMsg)).isEqualTo("purged");
    var place =
        jdbc.sql("select label, label_enc, latitude, pic_url from wechat_evidence where external_id = ?")
            .param(String.valueOf(placeMsg))
            .query((rs, i) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getObject(3), rs.getString(4)))
            .single();
    assertThat(place).containsOnlyNulls();
  }

  private String orderOf(long msgId) {
    return jdbc.sql(
            "select w.number from work_order w join message m on m.conversation_id = w.conversation_id"
                + " where m.external_id = ? order by w.id desc fetch first 1 rows only")
        .param(String.valueOf(msgId))
        .query(String.class)
        .single();
  }

  private String mediaStatus(long msgId) {
    return jdbc.sql("select media_status from wechat_evidence where external_id = ?")
        .param(String.valueOf(msgId))
        .query(String.class)
        .single();
  }

  private int storedPhotos(long msgId) {
    return jdbc.sql(
            "select count(*) from wechat_media m join wechat_evidence e on e.id = m.evidence_id"
                + " where e.external_id = ?")
        .param(String.valueOf(msgId))
        .query(Integer.class)
        .single();
  }
}
