package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Forged, malformed and hostile requests are refused and leave nothing behind. */
class WeChatHostileInputTest extends WeChatTestBase {

  @Test
  void aMessageSignedWithAnotherTokenIsForbiddenAndNotStored() throws Exception {
    int before = wechatMessages();
    long msgId = WeChatRequests.nextMsgId();
    mvc.perform(
            MockMvcRequestBuilders.post("/channels/wechat")
                .queryParam("signature", SHA1.gen("forged", "1700000000", "n1"))
                .queryParam("timestamp", "1700000000")
                .queryParam("nonce", "n1")
                .contentType(MediaType.TEXT_XML)
                .content(WeChatRequests.text(newOpenId(), "高龄津贴", msgId)))
        .andExpect(status().isForbidden());
    assertThat(wechatMessages()).isEqualTo(before);
  }

  @Test
  void aCapturedSignedMessageReplayedTenMinutesLaterIsForbiddenAndNotStored() throws Exception {
    int before = wechatMessages();
    long msgId = WeChatRequests.nextMsgId();
    mvc.perform(
            WeChatRequests.plainAt(
                WeChatRequests.text(newOpenId(), "高龄津贴", msgId),
                java.time.Instant.now().minusSeconds(600)))
        .andExpect(status().isForbidden())
        .andExpect(content().string(""));
    mvc.perform(
            WeChatRequests.plainAt(
                WeChatRequests.text(newOpenId(), "高龄津贴", WeChatRequests.nextMsgId()),
                java.time.Instant.now().plusSeconds(600)))
        .andExpect(status().isForbidden());
    assertThat(wechatMessages()).isEqualTo(before);
    assertThat(inbound(String.valueOf(msgId))).isZero();
  }

  @Test
  void aRetrySignedWithinWeChatsRetryWindowIsStillAccepted() throws Exception {
    long msgId = WeChatRequests.nextMsgId();
    ok(WeChatRequests.plainAt(
        WeChatRequests.text(newOpenId(), "高龄津贴怎么申请", msgId),
        java.time.Instant.now().minusSeconds(15)));
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
  }

  @Test
  void anEncryptedMessageWithAWrongMessageSignatureIsForbidden() throws Exception {
    int before = wechatMessages();
    mvc.perform(
            WeChatRequests.encrypted(
                WeChatRequests.text(newOpenId(), "高龄津贴", WeChatRequests.nextMsgId()),
                false,
                "0000000000000000000000000000000000000000"))
        .andExpect(status().isForbidden());
    assertThat(wechatMessages()).isEqualTo(before);
  }

  @Test
  void anExternalEntityIsRefusedWithoutReadingTheFile() throws Exception {
    int before = wechatMessages();
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + WeChatRequests.text(newOpenId(), "&xxe;", WeChatRequests.nextMsgId())
                .replace("<![CDATA[&xxe;]]>", "&xxe;");
    mvc.perform(WeChatRequests.plain(xxe))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(""));
    assertThat(wechatMessages()).isEqualTo(before);
  }

  @Test
  void anEntityExpansionBombIsRefusedAtOnce() throws Exception {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    String bomb =
        dtd
            + WeChatRequests.text(newOpenId(), "x", WeChatRequests.nextMsgId())
                .replace("<![CDATA[x]]>", "&lol9;");
    long start = System.nanoTime();
    mvc.perform(WeChatRequests.plain(bomb)).andExpect(status().isBadRequest());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anExternalEntityInsideTheCiphertextIsRefusedToo() throws Exception {
    String xxe =
        "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + WeChatRequests.text(newOpenId(), "x", WeChatRequests.nextMsgId())
                .replace("<![CDATA[x]]>", "&xxe;");
    mvc.perform(WeChatRequests.encrypted(xxe, false)).andExpect(status().isBadRequest());
  }

  @Test
  void malformedXmlIsABadRequest() throws Exception {
    int before = wechatMessages();
    mvc.perform(WeChatRequests.plain("<xml><FromUserName>o1</FromUserName><MsgType>text"))
        .andExpect(status().isBadRequest());
    mvc.perform(WeChatRequests.plain("not xml at all")).andExpect(status().isBadRequest());
    mvc.perform(WeChatRequests.plain("<xml><Content>no sender</Content></xml>"))
        .andExpect(status().isBadRequest());
    assertThat(wechatMessages()).isEqualTo(before);
  }

  @Test
  void invalidUtf8IsABadRequest() throws Exception {
    byte[] body = WeChatRequests.text(newOpenId(), "X", WeChatRequests.nextMsgId())
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < body.length; i++) {
      if (body[i] == 'X') {
        body[i] = (byte) 0xC3; // a lead byte with no continuation
      }
    }
    mvc.perform(WeChatRequests.plain("").content(body)).andExpect(status().isBadRequest());
  }

  @Test
  void aBodyOverTheLimitIsRefusedAndNotStored() throws Exception {
    int before = wechatMessages();
    String huge =
        WeChatRequests.text(newOpenId(), "长".repeat(30_000), WeChatRequests.nextMsgId());
    assertThat(huge.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(65_536);
    mvc.perform(WeChatRequests.plain(huge)).andExpect(status().isPayloadTooLarge());
    assertThat(wechatMessages()).isEqualTo(before);
  }
}
