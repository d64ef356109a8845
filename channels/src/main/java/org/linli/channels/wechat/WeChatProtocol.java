package org.linli.channels.wechat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;

/**
 * The official-account server protocol: signatures, the body limit, safe XML parsing, decryption
 * of compatible and safe mode messages, and passive replies (encrypted when the message was).
 * Every refusal is a {@link Rejected} carrying the HTTP status to answer.
 */
final class WeChatProtocol {

  private final WeChatProperties properties;
  private final WxMpConfigStorage config;
  private final Clock clock;

  WeChatProtocol(WeChatProperties properties, WxMpConfigStorage config, Clock clock) {
    this.properties = properties;
    this.config = config;
    this.clock = clock;
  }

  /** A request refused before anything was stored. */
  static final class Rejected extends RuntimeException {
    private final int status;

    Rejected(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /** The query parameters WeChat signs. */
  record Query(
      String signature, String timestamp, String nonce, String encryptType, String msgSignature) {
    boolean encrypted() {
      return "aes".equalsIgnoreCase(encryptType);
    }
  }

  /** A message read from a request, and whether its reply must be encrypted. */
  record Inbound(WeChatXml.Message message, boolean encrypted) {}

  /** The plain signature over token, timestamp and nonce (GET verification and every POST). */
  boolean validSignature(String signature, String timestamp, String nonce) {
    if (isEmpty(signature) || isEmpty(timestamp) || isEmpty(nonce)) {
      return false;
    }
    return constantTimeEquals(SHA1.gen(properties.token(), timestamp, nonce), signature);
  }

  /**
   * The signed {@code timestamp} (seconds since the epoch) is within {@code max-request-age} of
   * now. The signature covers the timestamp, so an old signed request cannot be made fresh.
   */
  boolean fresh(String timestamp) {
    if (isEmpty(timestamp) || timestamp.length() > 12 || !timestamp.chars().allMatch(Character::isDigit)) {
      return false;
    }
    long age = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
    return age <= properties.maxRequestAge().toSeconds();
  }

  /**
   * Reads the body, refusing it (413) as soon as it passes the limit: a declared length over the
   * limit is refused without reading a byte.
   */
  String readBody(InputStream in, long declaredLength) {
    int max = properties.maxBodyBytes();
    if (declaredLength > max) {
      throw new Rejected(413, "body_too_large");
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
      byte[] buffer = new byte[8192];
      int total = 0;
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > max) {
          throw new Rejected(413, "body_too_large");
        }
        out.write(buffer, 0, n);
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Rejected(400, "invalid_utf8");
    } catch (IOException e) {
      throw new Rejected(400, "unreadable_body");
    }
  }

  /** Checks the signatures, decrypts when needed, and parses the message. */
  Inbound read(Query query, String body) {
    if (!validSignature(query.signature(), query.timestamp(), query.nonce())) {
      throw new Rejected(403, "bad_signature");
    }
    if (!fresh(query.timestamp())) {
      throw new Rejected(403, "stale_timestamp");
    }
    refuseDocumentTypes(body);
    if (!query.encrypted()) {
      return new Inbound(parse(body), false);
    }
    if (!properties.aesOn()) {
      throw new Rejected(403, "encrypted_but_no_aes_key");
    }
    String cipherText = encryptPart(body);
    if (isEmpty(query.msgSignature())
        || !constantTimeEquals(
            SHA1.gen(properties.token(), query.timestamp(), query.nonce(), cipherText),
            query.msgSignature())) {
      throw new Rejected(403, "bad_msg_signature");
    }
    String plain;
    try {
      plain = new WxMpCryptUtil(config).decrypt(cipherText);
    } catch (WxRuntimeException | IllegalArgumentException e) {
      throw new Rejected(403, "undecryptable");
    }
    refuseDocumentTypes(plain);
    return new Inbound(parse(plain), true);
  }

  /** A passive text reply, encrypted when the message came encrypted. */
  String reply(Inbound inbound, String text) {
    String xml =
        WeChatXml.textReply(
            inbound.message().fromUser(),
            inbound.message().toUser(),
            clock.instant().getEpochSecond(),
            text);
    return inbound.encrypted() ? new WxMpCryptUtil(config).encrypt(xml) : xml;
  }

  /**
   * No DTD, so no external entity (XXE) and no entity expansion (billion laughs): WeChat never
   * sends one. Refused before any parser sees the text.
   */
  private static void refuseDocumentTypes(String xml) {
    String upper = xml.toUpperCase(Locale.ROOT);
    if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
      throw new Rejected(400, "doctype");
    }
  }

  private static WeChatXml.Message parse(String xml) {
    WeChatXml.Message message;
    try {
      message = WeChatXml.message(xml);
    } catch (WeChatXml.Malformed e) {
      throw new Rejected(400, e.getMessage());
    }
    if (isEmpty(message.fromUser()) || isEmpty(message.msgType())) {
      throw new Rejected(400, "incomplete_message");
    }
    return message;
  }

  /** The Encrypt element of a compatible or safe mode envelope. */
  private static String encryptPart(String xml) {
    String encrypt;
    try {
      encrypt = WeChatXml.fields(xml).get("Encrypt");
    } catch (WeChatXml.Malformed e) {
      throw new Rejected(400, e.getMessage());
    }
    if (encrypt == null || encrypt.isBlank()) {
      throw new Rejected(400, "no_encrypt_element");
    }
    return encrypt.strip();
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
