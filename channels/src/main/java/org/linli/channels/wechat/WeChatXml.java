package org.linli.channels.wechat;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XML of the official-account protocol, read and written without a general-purpose mapper.
 *
 * <p>WeChat's messages are one {@code <xml>} element whose children hold text (often as CDATA).
 * They are read with the JDK's streaming parser, configured once with DTDs and external entities
 * off; WxJava's {@code WxMpXmlMessage.fromXml} (XStream over dom4j) cost several times as much per
 * message, with exceptions thrown and caught inside it on every call (docs/performance.md).
 */
final class WeChatXml {

  private static final XMLInputFactory INPUT = inputFactory();

  private WeChatXml() {}

  /** The fields of a message that Linli reads; absent elements are null. */
  record Message(
      String toUser,
      String fromUser,
      Long createTime,
      String msgType,
      Long msgId,
      String content,
      String recognition,
      String mediaId,
      String picUrl,
      Double locationX,
      Double locationY,
      Double scale,
      String label,
      String event,
      String eventKey) {

    /** Only the kind of message: the openid and what the resident wrote stay out of any log. */
    @Override
    public String toString() {
      return "WeChatXml.Message[msgType=" + msgType + ", event=" + event + "]";
    }
  }

  /** Not well-formed XML, or a field that should be a number and is not. */
  static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Reads a message; the caller checks which fields it needs. */
  static Message message(String xml) throws Malformed {
    Map<String, String> f = fields(xml);
    return new Message(
        f.get("ToUserName"),
        f.get("FromUserName"),
        whole(f, "CreateTime"),
        f.get("MsgType"),
        whole(f, "MsgId"),
        f.get("Content"),
        f.get("Recognition"),
        f.get("MediaId"),
        f.get("PicUrl"),
        decimal(f, "Location_X"),
        decimal(f, "Location_Y"),
        decimal(f, "Scale"),
        f.get("Label"),
        f.get("Event"),
        f.get("EventKey"));
  }

  /**
   * The text of each child element of the root, by name (the first of a name wins). Elements
   * nested deeper, comments and processing instructions are skipped; a child with element
   * children of its own has no text.
   */
  static Map<String, String> fields(String xml) throws Malformed {
    Map<String, String> fields = new HashMap<>();
    XMLStreamReader reader = null;
    try {
      // the factory is configured once; its readers are not shared, but the JDK does not promise
      // that creating them from several threads at once is safe
      synchronized (INPUT) {
        reader = INPUT.createXMLStreamReader(new StringReader(xml));
      }
      int depth = 0;
      String field = null;
      StringBuilder text = new StringBuilder();
      while (reader.hasNext()) {
        switch (reader.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            if (depth == 2) {
              field = reader.getLocalName();
              text.setLength(0);
            } else if (depth > 2) {
              field = null;
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (depth == 2 && field != null) {
              text.append(reader.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (depth == 2 && field != null) {
              fields.putIfAbsent(field, text.toString());
            }
            depth--;
          }
          case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
              throw new Malformed("doctype");
          default -> {}
        }
      }
      return fields;
    } catch (XMLStreamException e) {
      throw new Malformed("malformed_xml");
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException e) {
          // nothing held open: the reader reads from a string
        }
      }
    }
  }

  /** A passive text reply, as WeChat expects it. */
  static String textReply(String toUser, String fromUser, long createTime, String content) {
    return "<xml><ToUserName>"
        + cdata(toUser)
        + "</ToUserName><FromUserName>"
        + cdata(fromUser)
        + "</FromUserName><CreateTime>"
        + createTime
        + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>"
        + cdata(content)
        + "</Content></xml>";
  }

  /** Text as a CDATA section; a {@code ]]>} inside it is split over two sections. */
  static String cdata(String s) {
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>";
  }

  private static Long whole(Map<String, String> fields, String name) throws Malformed {
    return number(fields, name, Long::valueOf);
  }

  private static Double decimal(Map<String, String> fields, String name) throws Malformed {
    return number(fields, name, s -> {
      double d = Double.parseDouble(s);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException("not a finite number: " + s);
      }
      return d;
    });
  }

  /** A numeric field, null when absent or blank; anything else that does not parse is malformed. */
  private static <T> T number(Map<String, String> fields, String name, Function<String, T> parse)
      throws Malformed {
    String value = fields.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return parse.apply(value.strip());
    } catch (NumberFormatException e) {
      throw new Malformed("malformed_xml");
    }
  }

  private static XMLInputFactory inputFactory() {
    // the JDK's own parser, whatever else is on the class path
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    return factory;
  }
}
