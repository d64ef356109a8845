package org.linli.wechat;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The application with the WeChat channel fully on (token, AES key, app id and secret), its API
 * calls going to a local stub. Subclasses with the same properties share one Spring context.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
abstract class WeChatTestBase {

  static final WeChatApiStub STUB = new WeChatApiStub();

  @DynamicPropertySource
  static void wechat(DynamicPropertyRegistry registry) {
    registry.add("linli.wechat.token", () -> WeChatRequests.TOKEN);
    registry.add("linli.wechat.aes-key", () -> WeChatRequests.AES_KEY);
    registry.add("linli.wechat.app-id", () -> WeChatRequests.APP_ID);
    registry.add("linli.wechat.secret", () -> "test-secret");
    registry.add("linli.wechat.api-host", STUB::baseUrl);
    // tests fetch photos themselves (WeChatEvidence.fetchDue), never behind a test's back
    registry.add("linli.wechat.media-interval", () -> "PT1H");
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void resetStub() {
    STUB.reset();
  }

  static String newOpenId() {
    return "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);
  }

  String ok(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
  }

  int inbound(String externalId) {
    return jdbc.sql("select count(*) from message where channel = 'wechat' and external_id = ?")
        .param(externalId)
        .query(Integer.class)
        .single();
  }

  int wechatMessages() {
    return jdbc.sql("select count(*) from message where channel = 'wechat'")
        .query(Integer.class)
        .single();
  }
}
