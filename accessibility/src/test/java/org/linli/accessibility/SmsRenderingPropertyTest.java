package org.linli.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.linli.accessibility.Rendering.SmsRendering;
import org.linli.accessibility.sms.RandomTexts;
import org.linli.accessibility.sms.SmsSegmenter;

/** Whatever the answer, the first SMS fits in two segments and keeps every option whole. */
class SmsRenderingPropertyTest {

  private final Renderer renderer = new Renderer();

  private static final List<AccessProfile> PROFILES =
      List.of(
          AccessProfile.STANDARD,
          AccessProfile.ELDER,
          AccessProfile.ELDER.slower(),
          AccessProfile.LOW_LITERACY,
          AccessProfile.TEXT_ONLY);

  @Test
  void theFirstSmsFitsTwoSegmentsWithEveryOptionAndTheMoreKey() {
    for (long seed = 1; seed <= 300; seed++) {
      RandomTexts random = new RandomTexts(seed);
      Answer answer = answer(random);
      AccessProfile profile = random.oneOf(PROFILES);
      try {
        check(answer, profile);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private void check(Answer answer, AccessProfile profile) {
    SmsRendering r = (SmsRendering) renderer.render(answer, Channel.SMS, profile);
    assertThat(r.segmentCount()).isLessThanOrEqualTo(2).isEqualTo(SmsSegmenter.segmentCount(r.body()));
    String reply = answer.lang() == Lang.ZH ? "回复" : "Reply ";
    r.keys().forEach((key, value) -> {
      if (!value.startsWith(Renderer.ACTION_LINK) && !key.equals("0")) {
        assertThat(r.body()).contains(reply + key);
      }
    });
    if (answer.hasDetail()) {
      assertThat(r.keys()).containsValue(Renderer.ACTION_MORE);
    }
  }

  private static Answer answer(RandomTexts random) {
    boolean zh = random.coin();
    String text = text(random, zh);
    String detail = random.coin() ? "" : text(random, zh);
    List<Choice> choices = new ArrayList<>();
    for (int i = random.between(0, 3) - 1; i >= 0; i--) {
      int n = choices.size();
      choices.add(new Choice(zh ? "选项" + "甲乙丙".charAt(n) : "option " + "abc".charAt(n), "v" + n));
    }
    return new Answer(
        zh ? Lang.ZH : Lang.EN,
        text,
        detail,
        choices,
        List.of(new SourceRef("doc", zh ? "居家养老服务补贴办法" : "Home Care Rules")),
        random.coin());
  }

  private static String text(RandomTexts random, boolean zh) {
    List<String> sentences = new ArrayList<>();
    for (int i = random.between(1, 8); i > 0; i--) {
      if (zh) {
        sentences.add(random.han(4, 45) + "。");
      } else {
        List<String> words = new ArrayList<>();
        for (int w = random.between(3, 20); w > 0; w--) {
          words.add(random.latin(2, 9));
        }
        sentences.add(String.join(" ", words) + ".");
      }
    }
    return String.join(zh ? "" : " ", sentences);
  }
}
