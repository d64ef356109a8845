package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.linli.channels.twilio.TwilioSignatures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel endpoints that take no JSON (Twilio SMS webhooks, WeChat XML, Open311 forms), fed
 * bad input: correctly signed, so that the input itself is what is tested. Each answer is a clear
 * refusal in the channel's own format (a 4xx, or for a resident's SMS a TwiML reply saying the
 * message was not received), never a 500, and nothing is stored. SQL metacharacters are ordinary
 * text: stored as they were sent, and nothing else changes. {@link BadInputTest} does the same for
 * the JSON APIs.
 */
@SpringBootTest(properties = {
    "linli.twilio.auth-token=" + ChannelBadInputTest.TWILIO_TOKEN,
    "linli.twilio.public-base-url=" + ChannelBadInputTest.PUBLIC_URL,
    "linli.wechat.token=" + ChannelBadInputTest.WECHAT_TOKEN})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ChannelBadInputTest {

  static final String TWILIO_TOKEN = "bad-input-twilio-token-0123456789";
  static final String PUBLIC_URL = "https://linli.example";
  static final String WECHAT_TOKEN = "badInputToken";
  static final String SQL = "'; drop table message; -- \" OR 1=1 /* 高龄津贴 */";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired org.linli.handoff.HandoffService handoff;
  @Autowired JsonMapper json;
  @Autowired org.linli.privacy.PersonalData personalData;

  /** The stored text of an inbound message, decrypted (it is encrypted at rest). */
  private String storedText(String externalId) {
    return personalData.decrypt(
        jdbc.sql("select text_enc from message where external_id = ?").param(externalId).query(String.class).single());
  }

  private Map<String, Integer> rowCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : BadInputTest.TABLES) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Integer.class).single());
    }
    return counts;
  }

  // --- Twilio SMS ---

  /** A signed SMS webhook whose raw form body is {@code body} (already percent-encoded). */
  private MockHttpServletResponse sms(String rawForm) throws Exception {
    Map<String, String> decoded = new LinkedHashMap<>();
    for (String pair : rawForm.split("&")) {
      int eq = pair.indexOf('=');
      decoded.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    String signature = TwilioSignatures.sign(TWILIO_TOKEN, PUBLIC_URL + "/channels/twilio/sms", decoded);
    return mvc.perform(post("/channels/twilio/sms")
            .header(TwilioSignatures.HEADER, signature)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content(rawForm.getBytes(StandardCharsets.ISO_8859_1)))
        .andReturn().getResponse();
  }

  private static String form(String sid, String from, String body) {
    return "MessageSid=" + enc(sid) + "&From=" + enc(from) + "&To=%2B861012345&Body=" + enc(body);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Stream<Arguments> badSms() {
    return Stream.of(
        Arguments.of("control character", form("SMbad01", "+8613900009001", "高龄\u0001津贴"), 200, "无法识别"),
        Arguments.of("escape sequence", form("SMbad02", "+8613900009001", "\u001b[31m红色"), 200, "无法识别"),
        Arguments.of("invalid UTF-8", "MessageSid=SMbad03&From=%2B8613900009001&Body=%C3%28%FF%FE", 200, "无法识别"),
        // longer than any SMS, but within the body limit (10,000 would be refused with 413, below)
        Arguments.of("2,000 characters", form("SMbad04", "+8613900009001", "问".repeat(2_000)), 200, "太长"),
        Arguments.of("no MessageSid", "From=%2B8613900009001&Body=hi", 400, null),
        Arguments.of("MessageSid with SQL", form("SM1' or '1'='1", "+8613900009001", "你好"), 400, null),
        Arguments.of("overlong From", form("SMbad07", "+86" + "1".repeat(200), "你好"), 400, null),
        Arguments.of("From with NUL", form("SMbad08", "+86139\u0000", "你好"), 400, null));
  }

  @ParameterizedTest(name = "SMS with {0}")
  @MethodSource("badSms")
  void aBadSmsIsRefusedClearlyAndNothingIsStored(String name, String rawForm, int status, String says)
      throws Exception {
    Map<String, Integer> before = rowCounts();

    MockHttpServletResponse response = sms(rawForm);

    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
    String answer = response.getContentAsString(StandardCharsets.UTF_8);
    if (says != null) {
      assertThat(answer).startsWith("<?xml").contains("<Message>").contains(says).contains("没有收到");
    }
    assertThat(answer).doesNotContain("Exception");
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void anOversizeSmsIsRefusedBeforeItIsRead() throws Exception {
    Map<String, Integer> before = rowCounts();
    assertThat(sms(form("SMbig01", "+8613900009002", "大".repeat(30_000))).getStatus()).isEqualTo(413);
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void sqlMetacharactersInAnSmsAreJustText() throws Exception {
    assertThat(sms(form("SMsql01", "+8613900009003", SQL)).getStatus()).isEqualTo(200);
    assertThat(storedText("SMsql01"))
        .isEqualTo(SQL);
    assertThat(jdbc.sql("select count(*) from message").query(Integer.class).single()).isPositive();
  }

  // --- WeChat (plain mode) ---

  private MockHttpServletResponse wechat(byte[] xml) throws Exception {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String nonce = "n" + System.nanoTime();
    return mvc.perform(post("/channels/wechat")
            .queryParam("signature", SHA1.gen(WECHAT_TOKEN, timestamp, nonce))
            .queryParam("timestamp", timestamp)
            .queryParam("nonce", nonce)
            .contentType(MediaType.TEXT_XML)
            .content(xml))
        .andReturn().getResponse();
  }

  private static String text(String content, long msgId) {
    return "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oBadInput0000000000000000001]]>"
        + "</FromUserName><CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime>"
        + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content + "]]></Content>"
        + "<MsgId>" + msgId + "</MsgId></xml>";
  }

  static Stream<Arguments> badWeChat() {
    byte[] invalidUtf8 = text("高龄", 91_001).replace("高龄", "@@").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < invalidUtf8.length - 1; i++) {
      if (invalidUtf8[i] == '@' && invalidUtf8[i + 1] == '@') {
        invalidUtf8[i] = (byte) 0xC3;
        invalidUtf8[i + 1] = (byte) 0x28;
        break;
      }
    }
    return Stream.of(
        Arguments.of("malformed XML", "<xml><Content>高龄津贴".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("not XML at all", "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("empty body", new byte[0]),
        Arguments.of("external entity (XXE)", ("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + text("&x;", 91_002).replace("<![CDATA[&x;]]>", "&x;")).getBytes(StandardCharsets.UTF_8)),
        Arguments.of("entity expansion", ("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
            + text("x", 91_003).replace("<![CDATA[x]]>", "&c;")).getBytes(StandardCharsets.UTF_8)),
        Arguments.of("invalid UTF-8", invalidUtf8),
        Arguments.of("control character", text("高龄\u0001津贴", 91_004).getBytes(StandardCharsets.UTF_8)),
        Arguments.of("no sender", text("高龄津贴", 91_005)
            .replace("<FromUserName><![CDATA[oBadInput0000000000000000001]]></FromUserName>", "")
            .getBytes(StandardCharsets.UTF_8)),
        Arguments.of("oversize", text("大".repeat(40_000), 91_006).getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "WeChat message with {0}")
  @MethodSource("badWeChat")
  void aBadWeChatMessageIsRefusedAndNothingIsStored(String name, byte[] body) throws Exception {
    Map<String, Integer> before = rowCounts();

    MockHttpServletResponse response = wechat(body);

    assertThat(response.getStatus()).isBetween(400, 499);
    assertThat(response.getContentAsString()).doesNotContain("Exception").doesNotContain("root:");
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void sqlMetacharactersInAWeChatMessageAreJustText() throws Exception {
    assertThat(wechat(text(SQL, 91_100).getBytes(StandardCharsets.UTF_8)).getStatus()).isEqualTo(200);
    assertThat(storedText("91100"))
        .isEqualTo(SQL);
  }

  // --- Open311 ---

  private String apiKey() throws Exception {
    String body = mvc.perform(post("/api/staff/admin/open311/keys")
            .with(httpBasic("admin", "admin-test-password"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"city-bad-input\"}"))
        .andReturn().getResponse().getContentAsString();
    return json.readTree(body).get("apiKey").asString();
  }

  private MockHttpServletResponse open311(String rawForm) throws Exception {
    MockHttpServletRequestBuilder request = post("/open311/v2/requests.json")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .content(rawForm.getBytes(StandardCharsets.ISO_8859_1));
    return mvc.perform(request).andReturn().getResponse();
  }

  @Test
  void badOpen311RequestsGetGeoReportErrorsAndFileNothing() throws Exception {
    String key = enc(apiKey());
    List<String> bad = List.of(
        "service_code=street_light&description=" + enc("灯坏了"),
        "api_key=" + enc(SQL) + "&service_code=street_light&description=" + enc("灯坏了"),
        "api_key=" + key + "&service_code=" + enc(SQL) + "&description=" + enc("灯坏了"),
        "api_key=" + key + "&service_code=street_light",
        "api_key=" + key + "&service_code=street_light&description=" + enc("灯\u0000坏了"),
        "api_key=" + key + "&service_code=street_light&description=" + enc("\u001b[2J灯坏了"),
        "api_key=" + key + "&service_code=street_light&description=%C3%28%FF",
        "api_key=" + key + "&service_code=street_light&description=" + enc("灯".repeat(3_000)),
        "api_key=" + key + "&service_code=street_light&description=ok&address_string=" + enc("路".repeat(1_000)),
        "api_key=" + key + "&service_code=street_light&description=ok&phone=" + enc("1".repeat(100)));
    for (String form : bad) {
      Map<String, Integer> before = rowCounts();
      MockHttpServletResponse response = open311(form);
      String answer = response.getContentAsString(StandardCharsets.UTF_8);
      assertThat(response.getStatus()).as(form.substring(0, Math.min(120, form.length()))).isIn(400, 403);
      assertThat(json.readTree(answer).get(0).get("code").asInt()).isEqualTo(response.getStatus());
      assertThat(json.readTree(answer).get(0).get("description").asString()).isNotBlank();
      assertThat(answer).doesNotContain("Exception").doesNotContain("drop table");
      assertThat(rowCounts()).isEqualTo(before);
    }
    Map<String, Integer> before = rowCounts();
    assertThat(open311("api_key=" + key + "&service_code=street_light&description=" + enc("大".repeat(40_000)))
        .getStatus()).isEqualTo(413);
    assertThat(rowCounts()).isEqualTo(before);

    // SQL metacharacters in a valid request are filed as text
    MockHttpServletResponse filed = open311("api_key=" + key + "&service_code=street_light&description=" + enc(SQL));
    assertThat(filed.getStatus()).isEqualTo(201);
    String number = json.readTree(filed.getContentAsString()).get(0).get("service_request_id").asString();
    // (the summary is encrypted at rest, so it is read back through the service, decrypted)
    assertThat(handoff.byNumber(number).orElseThrow().summary()).isEqualTo(SQL);
  }
}
