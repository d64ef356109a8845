package org.linli.channels.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Media;
import com.twilio.twiml.messaging.Message;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * The SMS answer Twilio reads is the same whichever writer produced it: the cheap writer's TwiML,
 * sent as UTF-8 bytes, parses to the same document as the SDK's own {@code toXml()}.
 */
class TwimlWriterTest {

  static List<List<String>> bodies() {
    return List.of(
        List.of("高龄津贴：年满80周岁的本市户籍老人可申请。回复1看详细，回复0转人工"),
        List.of("表情 😀👍🏻 和 𠀀（扩展B区汉字）"),
        List.of("& < > \" ' &amp; <b>粗体</b> ]]> a&&b"),
        List.of("第一行\n第二行\r\n第三行\r\t缩进"),
        List.of(""),
        List.of("第一条", "第二条 & 第三条"),
        List.of());
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void theAnswerReadsTheSameAsTheSdks(List<String> bodies) throws Exception {
    MessagingResponse.Builder builder = new MessagingResponse.Builder();
    for (String body : bodies) {
      builder.message(new Message.Builder(body).build());
    }
    MessagingResponse response = builder.build();

    String ours = TwimlWriter.xml(response);

    assertThat(ours).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    Document expected = parse(response.toXml());
    Document actual = parse(ours);
    assertThat(actual.isEqualNode(expected))
        .as("%s%nis not the same document as the SDK's%n%s", ours, response.toXml())
        .isTrue();
    assertThat(texts(actual)).containsExactlyElementsOf(bodies);
  }

  @Test
  void charactersXmlCannotCarryAreLeftOutRatherThanSpoilingTheAnswer() throws Exception {
    MessagingResponse response =
        new MessagingResponse.Builder()
            .message(new Message.Builder("a\u0001b\uD800c\uFFFEd").build())
            .build();

    assertThat(texts(parse(TwimlWriter.xml(response)))).containsExactly("abcd");
  }

  @Test
  void anAnswerWithMoreThanTextIsLeftToTheSdk() {
    MessagingResponse response =
        new MessagingResponse.Builder()
            .message(
                new Message.Builder()
                    .to("+8613900000001")
                    .media(new Media.Builder("https://example.org/a.png").build())
                    .build())
            .build();

    assertThat(TwimlWriter.xml(response)).isEqualTo(response.toXml());
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setCoalescing(true);
    Document doc =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    doc.normalizeDocument();
    return doc;
  }

  private static List<String> texts(Document doc) {
    var messages = doc.getElementsByTagName("Message");
    return java.util.stream.IntStream.range(0, messages.getLength())
        .mapToObj(i -> messages.item(i).getTextContent())
        .toList();
  }
}
