package org.linli.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.linli.accessibility.Rendering.SmsRendering;
import org.linli.accessibility.sms.SmsSegmenter;

/** Whatever the answer, the first SMS fits in two segments and keeps every option whole. */
class SmsRenderingPropertyTest {

  private final Renderer renderer = new Renderer();

  @Property(tries = 300)
  void theFirstSmsFitsTwoSegmentsWithEveryOptionAndTheMoreKey(
      @ForAll("answers") Answer answer, @ForAll("profiles") AccessProfile profile) {
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

  @Provide
  Arbitrary<AccessProfile> profiles() {
    return Arbitraries.of(AccessProfile.STANDARD, AccessProfile.ELDER, AccessProfile.ELDER.slower(),
        AccessProfile.LOW_LITERACY, AccessProfile.TEXT_ONLY);
  }

  @Provide
  Arbitrary<Answer> answers() {
    Arbitrary<String> zhSentence = Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').ofMinLength(4).ofMaxLength(45)
        .map(s -> s + "。");
    Arbitrary<String> enSentence = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(9)
        .list().ofMinSize(3).ofMaxSize(20).map(w -> String.join(" ", w) + ".");
    Arbitrary<Boolean> zh = Arbitraries.of(true, false);
    return zh.flatMap(isZh -> {
      Arbitrary<String> sentence = isZh ? zhSentence : enSentence;
      Arbitrary<String> text = sentence.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join(isZh ? "" : " ", l));
      Arbitrary<String> detail = Arbitraries.oneOf(Arbitraries.just(""), text);
      Arbitrary<List<Choice>> choices = Arbitraries.integers().between(0, 3).map(n -> {
        List<Choice> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          c.add(new Choice(isZh ? "选项" + "甲乙丙".charAt(i) : "option " + "abc".charAt(i), "v" + i));
        }
        return c;
      });
      return Combinators.combine(text, detail, choices, Arbitraries.of(true, false))
          .as((t, d, c, person) -> new Answer(isZh ? Lang.ZH : Lang.EN, t, d, c,
              List.of(new SourceRef("doc", isZh ? "居家养老服务补贴办法" : "Home Care Rules")), person));
    });
  }
}
