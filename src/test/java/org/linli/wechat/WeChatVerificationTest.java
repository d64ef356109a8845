package org.linli.wechat;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.Test;

/** WeChat checks the server URL with a signed GET when an administrator configures it. */
class WeChatVerificationTest extends WeChatTestBase {

  @Test
  void aCorrectlySignedCheckGetsItsEchostrBack() throws Exception {
    String now = String.valueOf(java.time.Instant.now().getEpochSecond());
    mvc.perform(
            get("/channels/wechat")
                .queryParam("signature", SHA1.gen(WeChatRequests.TOKEN, now, "nonce1"))
                .queryParam("timestamp", now)
                .queryParam("nonce", "nonce1")
                .queryParam("echostr", "5837397520272"))
        .andExpect(status().isOk())
        .andExpect(content().string("5837397520272"));
  }

  @Test
  void aCheckSignedWithAnotherTokenIsForbidden() throws Exception {
    mvc.perform(
            get("/channels/wechat")
                .queryParam("signature", SHA1.gen("someone-else", "1700000000", "nonce1"))
                .queryParam("timestamp", "1700000000")
                .queryParam("nonce", "nonce1")
                .queryParam("echostr", "5837397520272"))
        .andExpect(status().isForbidden())
        .andExpect(content().string(""));
  }

  @Test
  void aCheckWithoutSignatureOrEchostrIsForbidden() throws Exception {
    mvc.perform(get("/channels/wechat").queryParam("echostr", "1")).andExpect(status().isForbidden());
    mvc.perform(
            get("/channels/wechat")
                .queryParam("signature", SHA1.gen(WeChatRequests.TOKEN, "1700000000", "nonce1"))
                .queryParam("timestamp", "1700000000")
                .queryParam("nonce", "nonce1"))
        .andExpect(status().isForbidden());
  }

  @Test
  void aCorrectlySignedCheckCapturedLongAgoIsForbidden() throws Exception {
    mvc.perform(
            get("/channels/wechat")
                .queryParam("signature", SHA1.gen(WeChatRequests.TOKEN, "1700000000", "nonce1"))
                .queryParam("timestamp", "1700000000")
                .queryParam("nonce", "nonce1")
                .queryParam("echostr", "5837397520272"))
        .andExpect(status().isForbidden())
        .andExpect(content().string(""));
  }
}
