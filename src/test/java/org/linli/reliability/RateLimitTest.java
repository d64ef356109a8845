package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.linli.channels.RateLimiter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Someone sending too fast from one address, or into one conversation, is told in friendly words
 * how long to wait (429, Retry-After); nothing of the refused message is stored, and everyone else
 * is still served.
 */
@SpringBootTest(properties = {
    "linli.rate-limit.policies.address.capacity=5",
    "linli.rate-limit.policies.address.period=PT1H",
    "linli.rate-limit.policies.conversation.capacity=3",
    "linli.rate-limit.policies.conversation.period=PT1H",
    "linli.rate-limit.policies.sms.capacity=2",
    "linli.rate-limit.policies.sms.period=PT1H"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class RateLimitTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired RateLimiter limiter;

  private ResultActions send(String from, String body, String language) throws Exception {
    return mvc.perform(post("/api/chat/messages")
        .with(r -> { r.setRemoteAddr(from); return r; })
        .header("Accept-Language", language)
        .contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private int messages() {
    return jdbc.sql("select count(*) from message").query(Integer.class).single();
  }

  @Test
  void aFloodFromOneAddressIsToldToWaitAndOthersAreStillServed() throws Exception {
    for (int i = 0; i < 5; i++) {
      send("198.51.100.7", "{\"text\":\"你好\"}", "zh-CN").andExpect(status().isOk());
    }
    int before = messages();

    send("198.51.100.7", "{\"text\":\"你好\"}", "zh-CN")
        .andExpect(status().isTooManyRequests())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("Retry-After", Matchers.matchesPattern("[1-9][0-9]*")))
        .andExpect(jsonPath("$.code").value("error.rateLimited"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("秒后再发送")));
    send("198.51.100.7", "{\"text\":\"hello\"}", "en")
        .andExpect(status().isTooManyRequests())
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("Please wait")));
    assertThat(messages()).isEqualTo(before);

    send("198.51.100.8", "{\"text\":\"你好\"}", "zh-CN").andExpect(status().isOk());
  }

  @Test
  void oneConversationIsLimitedWhateverAddressItComesFrom() throws Exception {
    String answer = send("192.0.2.1", "{\"text\":\"高龄津贴\",\"channel\":\"kiosk\"}", "zh-CN")
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String id = json.readTree(answer).get("conversationId").asString();
    String next = "{\"conversationId\":\"" + id + "\",\"channel\":\"kiosk\",\"text\":\"要带什么材料\"}";
    for (int i = 0; i < 3; i++) {
      send("192.0.2." + (10 + i), next, "zh-CN").andExpect(status().isOk());
    }

    send("192.0.2.20", next, "zh-CN").andExpect(status().isTooManyRequests())
        .andExpect(jsonPath("$.retryAfterSeconds").isNumber());
    // a new conversation at the same kiosk is a new resident
    send("192.0.2.20", "{\"text\":\"低保怎么申请\",\"channel\":\"kiosk\"}", "zh-CN").andExpect(status().isOk());
  }

  @Test
  void otherChannelsCanLimitByTheirOwnPolicy() {
    assertThat(limiter.tryConsume("sms:hash-of-a-phone").allowed()).isTrue();
    assertThat(limiter.tryConsume("sms:hash-of-a-phone").allowed()).isTrue();
    RateLimiter.Verdict third = limiter.tryConsume("sms:hash-of-a-phone");
    assertThat(third.allowed()).isFalse();
    assertThat(third.retryAfterSeconds()).isBetween(1L, 3600L);
    assertThat(limiter.tryConsume("sms:another-phone").allowed()).isTrue();
  }
}
