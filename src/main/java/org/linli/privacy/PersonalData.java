package org.linli.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects residents' personal data at rest: a keyed hash (HMAC-SHA256) to look a value up without
 * storing it, AES-GCM to keep it recoverable for staff who may see it, and masking for logs and
 * views. Both keys are derived from one master key, so one secret is enough to operate.
 */
public final class PersonalData {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final byte[] hashKey;
  private final SecretKeySpec encryptionKey;
  private final SecureRandom random = new SecureRandom();
  // Cipher.getInstance looks the provider up each time, and every message of a turn is encrypted
  // or decrypted: instances are reused, only re-initialised with a fresh IV. A small pool rather
  // than a ThreadLocal: the threads that encrypt (Tomcat's, WeChat's turns, scheduled jobs) come
  // and go with their pools, and a pool of ciphers is bounded whatever they do.
  private final BlockingQueue<Cipher> ciphers = new ArrayBlockingQueue<>(64);

  public PersonalData(byte[] masterKey) {
    if (masterKey.length < 32) {
      throw new IllegalArgumentException("the data key must be at least 32 bytes");
    }
    this.hashKey = derive(masterKey, "linli/lookup-hash/v1");
    this.encryptionKey = new SecretKeySpec(derive(masterKey, "linli/encryption/v1"), "AES");
  }

  /** A stable, non-reversible lookup key for {@code value} of a given kind (hex, 64 chars). */
  public String lookupKey(String kind, String value) {
    return HexFormat.of().formatHex(hmac(hashKey, kind + "\u0000" + value));
  }

  public String encrypt(String plaintext) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = borrow();
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ciphers.offer(cipher);
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt personal data", e);
    }
  }

  public String decrypt(String encrypted) {
    try {
      byte[] all = Base64.getDecoder().decode(encrypted);
      Cipher cipher = borrow();
      cipher.init(
          Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      ciphers.offer(cipher); // not on failure: a cipher that threw is dropped
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot decrypt personal data (wrong LINLI_DATA_KEY?)", e);
    }
  }

  /** {@link #encrypt}, with null staying null. */
  public String encryptNullable(String plaintext) {
    return plaintext == null ? null : encrypt(plaintext);
  }

  /**
   * The value of a column pair: the encrypted column when set, else the plain one (a row written
   * before that column was encrypted at rest, or emptied on purpose by retention or erasure).
   */
  public String read(String encrypted, String plain) {
    return encrypted != null ? decrypt(encrypted) : plain;
  }

  /**
   * Masks a contact for logs and views that do not need it: keeps the first 3 and last 4
   * characters of longer values (138****5678), and only the last character of short ones.
   */
  public static String mask(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    int n = value.codePointCount(0, value.length());
    if (n <= 4) {
      return "*".repeat(Math.max(1, n - 1)) + value.substring(value.offsetByCodePoints(0, n - 1));
    }
    if (n < 9) {
      return "*".repeat(n - 2) + value.substring(value.offsetByCodePoints(0, n - 2));
    }
    return value.substring(0, value.offsetByCodePoints(0, 3))
        + "*".repeat(n - 7)
        + value.substring(value.offsetByCodePoints(0, n - 4));
  }

  private Cipher borrow() {
    Cipher idle = ciphers.poll();
    return idle != null ? idle : newCipher();
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private static byte[] derive(byte[] master, String purpose) {
    return hmac(master, purpose);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
