package org.linli.channels.twilio;

import com.twilio.security.RequestValidator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Twilio's webhook signatures, computed and checked by the SDK's {@link RequestValidator} (HMAC-SHA1
 * of the full URL followed by the sorted form parameters, keyed with the auth token).
 *
 * <p>The SDK only exposes checking. The simulator and the tests must sign requests exactly the way
 * Twilio does, so {@link #sign} calls the validator's own private signing method rather than
 * re-implementing the algorithm: if a later SDK changed it, signing and checking change together.
 */
public final class TwilioSignatures {

  /** The HTTP header Twilio puts the signature in. */
  public static final String HEADER = "X-Twilio-Signature";

  private static final Method SIGN;

  static {
    try {
      SIGN = RequestValidator.class.getDeclaredMethod("getValidationSignature", String.class, Map.class);
      SIGN.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(
          "this Twilio SDK has no RequestValidator.getValidationSignature: " + e.getMessage());
    }
  }

  private TwilioSignatures() {}

  /** The signature Twilio would send for a POST of {@code formParams} to {@code url}. */
  public static String sign(String authToken, String url, Map<String, String> formParams) {
    try {
      return (String) SIGN.invoke(new RequestValidator(authToken), url, formParams);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot compute a Twilio signature", e);
    }
  }

  /** True when {@code signature} is Twilio's for this URL and these form parameters. */
  public static boolean valid(
      String authToken, String url, Map<String, String> formParams, String signature) {
    if (signature == null || signature.isBlank()) {
      return false;
    }
    return new RequestValidator(authToken).validate(url, formParams, signature);
  }
}
