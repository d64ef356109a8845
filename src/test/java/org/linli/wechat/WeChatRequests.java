package org.linli.wechat;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.StringReader;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.DocumentBuilderFactory;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Requests as WeChat's servers send them, signed and encrypted with WxJava's own crypto
 * ({@link SHA1}, {@link WxCryptUtil}: the published algorithm), never with the service's code.
 */
final class WeChatRequests {

  static final String TOKEN = "linliTestToken";
  /** 43 characters: an EncodingAESKey as the official account's settings page makes them. */
  static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String APP_ID = "wx0123456789abcdef";
  static final String ACCOUNT = "gh_linli_test";

  private static final AtomicLong MSG_IDS = new AtomicLong(24_000_000_000_000_000L);

  private WeChatRequests() {}

  static long nextMsgId() {
    return MSG_IDS.incrementAndGet();
  }

  static String text(String openId, String content, long msgId) {
    return message(openId, "text", "<Content><![CDATA[" + content + "]]></Content>", msgId);
  }

  static String voice(String openId, String recognition, long msgId) {
    String body =
        "<MediaId><![CDATA[voice-media-1]]></MediaId><Format><![CDATA[amr]]></Format>"
            + (recognition == null ? "" : "<Recognition><![CDATA[" + recognition + "]]></Recognition>");
    return message(openId, "voice", body, msgId);
  }

  static String image(String openId, long msgId) {
    return image(openId, msgId, "image-media-1");
  }

  static String image(String openId, long msgId, String mediaId) {
    return message(
        openId,
        "image",
        "<PicUrl><![CDATA[http://mmbiz.example/pic1.jpg]]></PicUrl><MediaId><![CDATA["
            + mediaId
            + "]]></MediaId>",
        msgId);
  }

  static String location(String openId, String label, long msgId) {
    return message(
        openId,
        "location",
        "<Location_X>31.2304</Location_X><Location_Y>121.4737</Location_Y><Scale>15</Scale>"
            + "<Label><![CDATA["
            + label
            + "]]></Label>",
        msgId);
  }

  static String event(String openId, String event, String key, long createTime) {
    return "<xml><ToUserName><![CDATA["
        + ACCOUNT
        + "]]></ToUserName><FromUserName><![CDATA["
        + openId
        + "]]></FromUserName><CreateTime>"
        + createTime
        + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA["
        + event
        + "]]></Event>"
        + (key == null ? "" : "<EventKey><![CDATA[" + key + "]]></EventKey>")
        + "</xml>";
  }

  static String message(String openId, String type, String fields, long msgId) {
    return "<xml><ToUserName><![CDATA["
        + ACCOUNT
        + "]]></ToUserName><FromUserName><![CDATA["
        + openId
        + "]]></FromUserName><CreateTime>"
        + Instant.now().getEpochSecond()
        + "</CreateTime><MsgType><![CDATA["
        + type
        + "]]></MsgType>"
        + fields
        + "<MsgId>"
        + msgId
        + "</MsgId></xml>";
  }

  /** Plain mode: the body as is, signed in the query. */
  static MockHttpServletRequestBuilder plain(String xml) {
    return plainAt(xml, Instant.now());
  }

  /** Plain mode, signed with the timestamp {@code at} (a captured request replayed later). */
  static MockHttpServletRequestBuilder plainAt(String xml, Instant at) {
    String timestamp = String.valueOf(at.getEpochSecond());
    String nonce = "n" + System.nanoTime();
    return post("/channels/wechat")
        .queryParam("signature", SHA1.gen(TOKEN, timestamp, nonce))
        .queryParam("timestamp", timestamp)
        .queryParam("nonce", nonce)
        .queryParam("openid", "ignored")
        .contentType(MediaType.TEXT_XML)
        .content(xml);
  }

  /** Safe mode: only the ciphertext in the body; compatible mode adds the plain fields too. */
  static MockHttpServletRequestBuilder encrypted(String xml, boolean compatible) {
    return encrypted(xml, compatible, null);
  }

  /** As {@link #encrypted(String, boolean)}, with a forged msg_signature when one is given. */
  static MockHttpServletRequestBuilder encrypted(
      String xml, boolean compatible, String forgedMsgSignature) {
    WxCryptUtil.EncryptContext ctx = new WxCryptUtil(TOKEN, AES_KEY, APP_ID).encryptContext(xml);
    String inner = compatible ? xml.substring("<xml>".length(), xml.length() - "</xml>".length()) : "";
    String body =
        "<xml><ToUserName><![CDATA["
            + ACCOUNT
            + "]]></ToUserName>"
            + inner
            + "<Encrypt><![CDATA["
            + ctx.getEncrypt()
            + "]]></Encrypt></xml>";
    return post("/channels/wechat")
        .queryParam("signature", SHA1.gen(TOKEN, ctx.getTimeStamp(), ctx.getNonce()))
        .queryParam("timestamp", ctx.getTimeStamp())
        .queryParam("nonce", ctx.getNonce())
        .queryParam("openid", "ignored")
        .queryParam("encrypt_type", "aes")
        .queryParam(
            "msg_signature", forgedMsgSignature != null ? forgedMsgSignature : ctx.getSignature())
        .contentType(MediaType.TEXT_XML)
        .content(body);
  }

  /** The text of a plain passive reply. */
  static String replyText(String xml) {
    return element(xml, "Content");
  }

  /** Checks the reply's signature and decrypts it with WxJava, then reads its text. */
  static String decryptedReplyText(String xml) {
    String plain =
        new WxCryptUtil(TOKEN, AES_KEY, APP_ID)
            .decryptContent(
                element(xml, "MsgSignature"),
                element(xml, "TimeStamp"),
                element(xml, "Nonce"),
                element(xml, "Encrypt"));
    return element(plain, "Content");
  }

  static String element(String xml, String name) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
      var nodes = doc.getDocumentElement().getElementsByTagName(name);
      return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    } catch (Exception e) {
      throw new AssertionError("not XML: " + xml, e);
    }
  }
}
