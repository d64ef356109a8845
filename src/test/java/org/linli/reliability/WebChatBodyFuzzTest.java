package org.linli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Mutated and random web chat bodies (bytes, not just characters) through the whole stack: each
 * is answered 200 or 4xx with a problem detail; nothing throws, nothing answers 500. Seeded.
 */
@SpringBootTest(properties = "linli.rate-limit.enabled=false")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class WebChatBodyFuzzTest {

  static final long SEED = 42_2026L;
  static final int CASES = 1500;
  static final String[] SEEDS = {
    "{\"text\":\"高龄津贴怎么申请\"}",
    "{\"text\":\"@person\",\"channel\":\"kiosk\",\"lang\":\"zh\"}",
    "{\"conversationId\":null,\"channel\":\"web\",\"text\":\"低保\",\"lang\":\"en\",\"messageId\":\"m-1\"}",
    "{\"text\":\"@more:elderly-allowance\"}",
  };
  static final byte[] INTERESTING =
      "{}[]\":,\\u0000 \n\t1e999-nulltruefalse@%'\u202e\ud83d\ude00高"
          .getBytes(StandardCharsets.UTF_8);

  @Autowired MockMvc mvc;

  static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    int edits = 1 + random.nextInt(6);
    for (int i = 0; i < edits && b.length > 0; i++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(4)) {
        case 0 -> b[at] = (byte) random.nextInt(256);
        case 1 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
        case 2 -> b = java.util.Arrays.copyOf(b, at);
        default -> {
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
        }
      }
    }
    return b;
  }

  @Test
  void noWebChatBodyCausesAServerError() throws Exception {
    Random random = new Random(SEED);
    int ok = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] body =
          i % 5 == 0
              ? randomBytes(random)
              : mutate(SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8), random);
      MockHttpServletResponse response;
      try {
        response = mvc.perform(post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON).content(body))
            .andReturn().getResponse();
      } catch (Exception e) {
        throw new AssertionError("case " + i + " (seed " + SEED + ") threw " + e + " for "
            + new String(body, StandardCharsets.UTF_8), e);
      }
      int status = response.getStatus();
      assertThat(status)
          .as("case %d (seed %d): %s -> %s", i, SEED, new String(body, StandardCharsets.UTF_8),
              response.getContentAsString())
          .satisfiesAnyOf(s -> assertThat(s).isEqualTo(200), s -> assertThat(s).isBetween(400, 499));
      if (status == 200) {
        ok++;
      } else {
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      }
    }
    // the mutations must still reach the dialogue sometimes, or this tests only the JSON parser
    assertThat(ok).isGreaterThan(CASES / 50);
  }

  static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(200)];
    random.nextBytes(b);
    return b;
  }
}
