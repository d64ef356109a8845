package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import me.chanjar.weixin.mp.api.WxMpService;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.WeChatSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Without WECHAT_TOKEN, WECHAT_APP_ID and WECHAT_SECRET the channel is simply not there. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class WeChatOffTest {

  @Autowired MockMvc mvc;
  @Autowired ApplicationContext context;

  @Test
  void withoutCredentialsThereIsNoEndpointAndNoSender() throws Exception {
    mvc.perform(get("/channels/wechat").queryParam("echostr", "1")).andExpect(status().isNotFound());
    assertThat(context.getBeanNamesForType(WxMpService.class)).isEmpty();
    assertThat(context.getBeanNamesForType(WeChatSender.class)).isEmpty();
  }
}
