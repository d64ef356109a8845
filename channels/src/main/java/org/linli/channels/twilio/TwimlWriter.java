package org.linli.channels.twilio;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiML;
import com.twilio.twiml.messaging.Message;

/**
 * Writes the SMS answer, described with the SDK's TwiML builders, as XML text directly.
 *
 * <p>The SDK's {@link TwiML#toXml()} builds a DOM and runs an identity {@code Transformer} over
 * it for every answer, about a tenth of an SMS webhook's CPU time under load
 * (docs/performance.md). An SMS answer is a {@code <Response>} of {@code <Message>} elements with
 * a text body and nothing else, so this walks the builder's elements through their public
 * accessors and writes that shape; anything else in the response (attributes, media, nested
 * verbs, custom options) goes to the SDK's writer as before.
 *
 * <p>The result is the same XML as the SDK's ({@code TwimlWriterTest} compares them as parsed
 * documents): {@code &}, {@code <} and {@code >} escaped, a carriage return as {@code &#13;} so
 * that it survives a parser's line-end normalisation, Chinese and characters beyond the BMP
 * written as UTF-8 (the SDK writes the latter as character references; both read the same).
 */
final class TwimlWriter {

  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private TwimlWriter() {}

  /** The response as TwiML text, starting with the XML declaration. */
  static String xml(MessagingResponse response) {
    if (!plain(response)) {
      return response.toXml();
    }
    if (response.getChildren().isEmpty()) {
      return PROLOG + "<Response/>";
    }
    StringBuilder xml = new StringBuilder(128).append(PROLOG).append("<Response>");
    for (TwiML child : response.getChildren()) {
      if (!(child instanceof Message message) || !bodyOnly(message)) {
        return response.toXml();
      }
      String body = message.getBody();
      if (body == null || body.isEmpty()) {
        xml.append("<Message/>");
      } else {
        xml.append("<Message>");
        text(body, xml);
        xml.append("</Message>");
      }
    }
    return xml.append("</Response>").toString();
  }

  private static boolean plain(TwiML element) {
    return element.getOptions() == null || element.getOptions().isEmpty();
  }

  private static boolean bodyOnly(Message m) {
    return plain(m)
        && (m.getChildren() == null || m.getChildren().isEmpty())
        && m.getTo() == null
        && m.getFrom() == null
        && m.getAction() == null
        && m.getMethod() == null
        && m.getStatusCallback() == null;
  }

  /**
   * Element text, escaped. Characters XML 1.0 cannot carry at all (control characters other than
   * tab and line ends, unpaired surrogates, U+FFFE and U+FFFF) are left out: the SDK would write
   * them as references no XML parser accepts, and Twilio would refuse the whole answer.
   */
  static void text(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\r' -> out.append("&#13;");
        case '\t', '\n' -> out.append(c);
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (c >= 0x20 && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF') {
            out.append(c);
          }
        }
      }
    }
  }
}
