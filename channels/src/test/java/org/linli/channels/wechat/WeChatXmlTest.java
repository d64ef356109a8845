package org.linli.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** WeChat's message XML as the official-account server protocol documents it, read and written. */
class WeChatXmlTest {

  @Test
  void aTextMessageIsReadWithItsCdataAndPlainFields() throws Exception {
    WeChatXml.Message m =
        WeChatXml.message(
            "<xml>\n  <ToUserName><![CDATA[gh_centre]]></ToUserName>\n"
                + "  <FromUserName><![CDATA[oResident01]]></FromUserName>\n"
                + "  <CreateTime>1764979200</CreateTime>\n"
                + "  <MsgType><![CDATA[text]]></MsgType>\n"
                + "  <Content><![CDATA[停水了 <怎么办> & 找谁]]></Content>\n"
                + "  <MsgId>24000000000000001</MsgId>\n</xml>");

    assertThat(m.toUser()).isEqualTo("gh_centre");
    assertThat(m.fromUser()).isEqualTo("oResident01");
    assertThat(m.createTime()).isEqualTo(1764979200L);
    assertThat(m.msgType()).isEqualTo("text");
    assertThat(m.content()).isEqualTo("停水了 <怎么办> & 找谁");
    assertThat(m.msgId()).isEqualTo(24000000000000001L);
    assertThat(m.event()).isNull();
    // a message that ends up in a log shows no openid and nothing the resident wrote
    assertThat(m.toString()).contains("text").doesNotContain("oResident01").doesNotContain("停水");
  }

  @Test
  void aLocationCarriesItsNumbersAndEscapedTextIsUnescaped() throws Exception {
    WeChatXml.Message m =
        WeChatXml.message(
            "<xml><FromUserName>oResident01</FromUserName><MsgType>location</MsgType>"
                + "<Location_X>31.2304</Location_X><Location_Y> 121.4737 </Location_Y><Scale>15</Scale>"
                + "<Label>幸福路 12 号 &amp; 13 号</Label><MsgId>7</MsgId></xml>");

    assertThat(m.locationX()).isEqualTo(31.2304);
    assertThat(m.locationY()).isEqualTo(121.4737);
    assertThat(m.scale()).isEqualTo(15.0);
    assertThat(m.label()).isEqualTo("幸福路 12 号 & 13 号");
  }

  @Test
  void nestedElementsAreSkippedAndTheFirstOfARepeatedFieldCounts() throws Exception {
    WeChatXml.Message m =
        WeChatXml.message(
            "<xml><FromUserName>oFirst</FromUserName><MsgType>event</MsgType>"
                + "<Event>scancode_push</Event><EventKey>menu_1</EventKey>"
                + "<ScanCodeInfo><ScanType>qrcode</ScanType><FromUserName>oNested</FromUserName></ScanCodeInfo>"
                + "<FromUserName>oSecond</FromUserName></xml>");

    assertThat(m.fromUser()).isEqualTo("oFirst");
    assertThat(m.event()).isEqualTo("scancode_push");
    assertThat(m.eventKey()).isEqualTo("menu_1");
    assertThat(WeChatXml.fields("<xml><ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo></xml>"))
        .doesNotContainKey("ScanType");
  }

  @Test
  void malformedXmlAndFieldsThatAreNotNumbersAreRefused() {
    assertThatThrownBy(() -> WeChatXml.message("<xml><FromUserName>o1</FromUserName>"))
        .isInstanceOf(WeChatXml.Malformed.class)
        .hasMessage("malformed_xml");
    assertThatThrownBy(() -> WeChatXml.message("not xml at all"))
        .isInstanceOf(WeChatXml.Malformed.class);
    assertThatThrownBy(() -> WeChatXml.message("<xml><MsgId>12abc</MsgId></xml>"))
        .isInstanceOf(WeChatXml.Malformed.class)
        .hasMessage("malformed_xml");
    assertThatThrownBy(() -> WeChatXml.message("<xml><Location_X>NaN</Location_X></xml>"))
        .isInstanceOf(WeChatXml.Malformed.class);
  }

  @Test
  void aDocumentTypeOrAnUndeclaredEntityIsNeverExpanded() {
    assertThatThrownBy(
            () ->
                WeChatXml.message(
                    "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<xml><Content>&x;</Content></xml>"))
        .isInstanceOf(WeChatXml.Malformed.class);
    assertThatThrownBy(() -> WeChatXml.message("<xml><Content>&x;</Content></xml>"))
        .isInstanceOf(WeChatXml.Malformed.class);
  }

  @Test
  void aReplyIsXmlThatAnyParserReadsBackWordForWord() throws Exception {
    String content = "请带身份证 ]]> 和户口本 <原件> & 复印件";
    String xml = WeChatXml.textReply("oResident01", "gh_centre", 1764979200L, content);

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(xml)));
    assertThat(doc.getElementsByTagName("Content").item(0).getTextContent()).isEqualTo(content);
    assertThat(doc.getElementsByTagName("ToUserName").item(0).getTextContent()).isEqualTo("oResident01");
    assertThat(doc.getElementsByTagName("FromUserName").item(0).getTextContent()).isEqualTo("gh_centre");
    assertThat(doc.getElementsByTagName("MsgType").item(0).getTextContent()).isEqualTo("text");
    assertThat(doc.getElementsByTagName("CreateTime").item(0).getTextContent()).isEqualTo("1764979200");
  }
}
