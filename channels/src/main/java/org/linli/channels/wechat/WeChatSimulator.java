package org.linli.channels.wechat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Plays WeChat's server for trying the channel without an official account: sends a resident's
 * message to a running Linli, signed with the token and (with {@code encrypt}) encrypted with the
 * AES key exactly as WeChat does, using WxJava's crypto, and reads the passive reply back.
 */
public final class WeChatSimulator {

  /** The service's answer: the HTTP status, the raw body, and the reply text when there is one. */
  public record Response(int status, String body, String replyText) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String token;
  private final String aesKey;
  private final String appId;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public WeChatSimulator(String token, String aesKey, String appId) {
    this.token = token;
    this.aesKey = aesKey;
    this.appId = appId == null || appId.isBlank() ? "wx_linli_simulator" : appId;
  }

  /** A text message from {@code openId}, as WeChat would post it. */
  public static String textXml(String openId, String text, long msgId) {
    return "<xml><ToUserName><![CDATA[gh_linli]]></ToUserName>"
        + "<FromUserName>"
        + WeChatXml.cdata(openId)
        + "</FromUserName><CreateTime>"
        + Instant.now().getEpochSecond()
        + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>"
        + WeChatXml.cdata(text)
        + "</Content><MsgId>"
        + msgId
        + "</MsgId></xml>";
  }

  public Response sendText(URI endpoint, String openId, String text, boolean encrypt)
      throws IOException, InterruptedException {
    long msgId = Math.abs(RANDOM.nextLong() % 1_000_000_000_000_000L);
    return send(endpoint, openId, textXml(openId, text, msgId), encrypt);
  }

  /** Posts one message (plain XML as WeChat builds it) to the endpoint. */
  public Response send(URI endpoint, String openId, String plainXml, boolean encrypt)
      throws IOException, InterruptedException {
    String timestamp;
    String nonce;
    String body;
    StringBuilder query = new StringBuilder();
    if (encrypt) {
      WxCryptUtil.EncryptContext ctx =
          new WxCryptUtil(token, aesKey, appId).encryptContext(plainXml);
      timestamp = ctx.getTimeStamp();
      nonce = ctx.getNonce();
      body =
          "<xml><ToUserName><![CDATA[gh_linli]]></ToUserName><Encrypt>"
              + WeChatXml.cdata(ctx.getEncrypt())
              + "</Encrypt></xml>";
      query.append("&encrypt_type=aes&msg_signature=").append(ctx.getSignature());
    } else {
      timestamp = String.valueOf(Instant.now().getEpochSecond());
      nonce = HexFormat.of().formatHex(randomBytes(8));
      body = plainXml;
    }
    String signature = SHA1.gen(token, timestamp, nonce);
    URI uri =
        URI.create(
            endpoint
                + "?signature="
                + signature
                + "&timestamp="
                + timestamp
                + "&nonce="
                + nonce
                + "&openid="
                + URLEncoder.encode(openId, StandardCharsets.UTF_8)
                + query);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "text/xml; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String reply = null;
    if (response.statusCode() == 200 && response.body().startsWith("<xml")) {
      reply = replyText(response.body());
    }
    return new Response(response.statusCode(), response.body(), reply);
  }

  /** The text of a passive reply, decrypted (and its signature checked) when it is encrypted. */
  public String replyText(String xml) {
    Document doc = parse(xml);
    String encrypted = element(doc, "Encrypt");
    if (encrypted != null) {
      String plain =
          new WxCryptUtil(token, aesKey, appId)
              .decryptContent(
                  element(doc, "MsgSignature"),
                  element(doc, "TimeStamp"),
                  element(doc, "Nonce"),
                  encrypted);
      doc = parse(plain);
    }
    return element(doc, "Content");
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not a WeChat reply: " + e.getMessage(), e);
    }
  }

  private static String element(Document doc, String name) {
    NodeList nodes = doc.getDocumentElement().getElementsByTagName(name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
