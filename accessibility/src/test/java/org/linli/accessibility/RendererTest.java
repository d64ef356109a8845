package org.linli.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.linli.accessibility.Rendering.KioskRendering;
import org.linli.accessibility.Rendering.SmsRendering;
import org.linli.accessibility.Rendering.TextRendering;
import org.linli.accessibility.Rendering.VoiceRendering;
import org.linli.accessibility.sms.SmsEncoding;
import org.linli.accessibility.sms.SmsSegmenter;

/** Golden renderings of the same answers for every channel, in Chinese and in English. */
class RendererTest {

  private final Renderer renderer = new Renderer(Map.of("医保", "医疗保险"));

  static final Answer ZH = new Answer(
      Lang.ZH,
      "60岁以上的老人可以申请居家养老服务补贴，每月¥200。请带身份证和医保卡到社区服务中心办理，地址是3号楼1层。"
          + "详情见https://linli.example.cn/subsidy 。",
      "补贴从2024-01-01起执行，按季度发放。咨询电话：010-12345678，工作时间8:30-17:00。",
      List.of(new Choice("怎么申请", "apply"), new Choice("需要什么材料", "docs")),
      List.of(new SourceRef("elder-subsidy", "居家养老服务补贴办法")),
      true);

  static final Answer EN = new Answer(
      Lang.EN,
      "Residents aged 60 or over can apply for a home care subsidy of ¥200 a month. "
          + "Bring your ID card to the service centre in Building 3. "
          + "See https://linli.example.cn/subsidy for details.",
      "The subsidy started on 2024-01-01. Call 010-12345678, 8:30-17:00.",
      List.of(new Choice("How to apply", "apply"), new Choice("What to bring", "docs")),
      List.of(new SourceRef("elder-subsidy", "Home Care Subsidy Rules")),
      true);

  @Nested
  class WeChatAndWeb {
    @Test
    void chineseShortFormFirstSourceLastDetailBehindAButton() {
      TextRendering r = (TextRendering) renderer.render(ZH, Channel.WECHAT, AccessProfile.ELDER);
      assertThat(r.paragraphs()).containsExactly(
          "60岁以上的老人可以申请居家养老服务补贴，每月¥200。请带身份证和医保卡到社区服务中心办理，地址是3号楼1层。",
          "来源：《居家养老服务补贴办法》");
      assertThat(r.buttons()).extracting(Choice::label).containsExactly("怎么申请", "需要什么材料", "详细内容", "找工作人员");
      assertThat(r.keys()).containsExactly(
          Map.entry("1", "apply"), Map.entry("2", "docs"), Map.entry("3", Renderer.ACTION_MORE),
          Map.entry("0", Renderer.ACTION_PERSON));
      assertThat(r.channel()).isEqualTo(Channel.WECHAT);
    }

    @Test
    void englishKeepsTheLinkOnAClientThatCanOpenIt() {
      TextRendering r = (TextRendering) renderer.render(EN, Channel.WEB, AccessProfile.STANDARD);
      assertThat(r.paragraphs()).containsExactly(
          "Residents aged 60 or over can apply for a home care subsidy of ¥200 a month. "
              + "Bring your ID card to the service centre in Building 3.",
          "See https://linli.example.cn/subsidy for details.",
          "Source: Home Care Subsidy Rules");
      assertThat(r.buttons()).extracting(Choice::label)
          .containsExactly("How to apply", "What to bring", "More detail", "Talk to a person");
    }

    @Test
    void markupTheClientWouldShowRawIsRemoved() {
      Answer a = Answer.of(Lang.ZH, """
          ## 办理材料
          **身份证**和户口本。
          | 人群 | 补贴 |
          |---|---|
          | 80岁以上 | 300元 |
          - 请带<b>原件</b>。""");
      TextRendering r = (TextRendering) renderer.renderMore(a, Channel.WECHAT, AccessProfile.STANDARD);
      assertThat(r.fullText()).doesNotContain("#", "**", "|", "---", "<b>", "- ");
      assertThat(r.fullText()).contains("办理材料：", "身份证和户口本。", "80岁以上，300元。", "请带原件。");
    }

    @Test
    void moreChoicesThanTheProfileAllowsBecomeAMoreChoicesButton() {
      List<Choice> many = List.of(new Choice("一", "1"), new Choice("二", "2"), new Choice("三", "3"),
          new Choice("四", "4"), new Choice("五", "5"));
      Answer a = new Answer(Lang.ZH, "请选择服务。", "", many, List.of(), false);
      TextRendering r = (TextRendering) renderer.render(a, Channel.WECHAT, AccessProfile.LOW_LITERACY);
      assertThat(r.buttons()).extracting(Choice::value).containsExactly("1", "2", Renderer.ACTION_MORE_CHOICES);
      assertThat(r.buttons().get(2).label()).isEqualTo("更多选项");
    }
  }

  @Nested
  class Sms {
    @Test
    void chineseFirstAnswerFitsTwoSegmentsWithOptionsAndMore() {
      SmsRendering r = (SmsRendering) renderer.render(ZH, Channel.SMS, AccessProfile.ELDER);
      assertThat(r.encoding()).isEqualTo(SmsEncoding.UCS2);
      assertThat(r.segmentCount()).isEqualTo(2);
      assertThat(r.body()).isEqualTo("""
          60岁以上的老人可以申请居家养老服务补贴，每月¥200。请带身份证和医保卡到社区服务中心办理，地址是3号楼1层。\
          （来源：《居家养老服务补贴办法》）
          回复1：怎么申请
          回复2：需要什么材料
          回复3看详细
          回复0转人工""");
      assertThat(r.keys()).containsEntry("3", Renderer.ACTION_MORE).containsEntry("0", Renderer.ACTION_PERSON);
    }

    @Test
    void aLinkIsReplacedByTheReplyThatFetchesIt() {
      SmsRendering r = (SmsRendering) renderer.render(ZH, Channel.SMS, AccessProfile.STANDARD);
      assertThat(r.body()).contains("详情见（回复3获取链接）。").doesNotContain("https://");
      assertThat(r.keys()).containsEntry("3", Renderer.ACTION_LINK + "https://linli.example.cn/subsidy")
          .containsEntry("4", Renderer.ACTION_MORE);
      assertThat(r.segmentCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void englishIsGsm7WithReplyOptions() {
      SmsRendering r = (SmsRendering) renderer.render(EN, Channel.SMS, AccessProfile.ELDER);
      assertThat(r.encoding()).isEqualTo(SmsEncoding.GSM7);
      assertThat(r.body()).isEqualTo("""
          Residents aged 60 or over can apply for a home care subsidy of ¥200 a month. \
          Bring your ID card to the service centre in Building 3. (Source: Home Care Subsidy Rules)
          Reply 1 for how to apply
          Reply 2 for what to bring
          Reply 3 for more
          Reply 0 for a person""");
      assertThat(r.segmentCount()).isEqualTo(2);
    }

    @Test
    void aLongAnswerIsCutAtASentenceToTwoSegmentsAndOffersMore() {
      Answer a = Answer.of(Lang.ZH, "居家养老服务补贴面向本社区六十岁以上的老人。".repeat(12));
      AccessProfile roomy = new AccessProfile(AccessProfile.Kind.STANDARD, 1000, 20, 40, 25, 1.0, false, false, 6, 0);
      SmsRendering r = (SmsRendering) renderer.render(a, Channel.SMS, roomy);
      assertThat(r.segmentCount()).isEqualTo(2);
      assertThat(r.body()).endsWith("老人。\n回复1看详细");
      assertThat(r.keys()).containsEntry("1", Renderer.ACTION_MORE);
    }

    @Test
    void moreOfAVeryLongAnswerStopsAtTenSegmentsWithoutOfferingMoreAgain() {
      Answer a = new Answer(Lang.ZH, "居家养老服务补贴面向本社区六十岁以上的老人。", "每月二百元，按季度发放到社会保障卡里。".repeat(60),
          List.of(), List.of(), true);
      SmsRendering r = (SmsRendering) renderer.renderMore(a, Channel.SMS, AccessProfile.STANDARD);
      assertThat(r.segmentCount()).isEqualTo(10);
      assertThat(r.body()).endsWith("。（后面还有内容，回复0找工作人员）\n回复0转人工").doesNotContain("看详细");
      assertThat(r.keys()).doesNotContainValue(Renderer.ACTION_MORE);
    }

    @Test
    void moreSendsTheWholeAnswerIncludingTheDetail() {
      SmsRendering r = (SmsRendering) renderer.renderMore(ZH, Channel.SMS, AccessProfile.ELDER);
      assertThat(r.body()).contains("补贴从2024-01-01起执行", "010-12345678").doesNotContain("看详细");
      assertThat(r.segmentCount()).isEqualTo(SmsSegmenter.segmentCount(r.body()));
    }
  }

  @Nested
  class Voice {
    @Test
    void chineseIsSpokenInShortSentencesSlowerForElders() {
      VoiceRendering r = (VoiceRendering) renderer.render(ZH, Channel.VOICE, AccessProfile.ELDER);
      assertThat(r.sentences()).containsExactly(
          "六十岁以上的老人可以申请居家养老服务补贴，",
          "每月二百元。",
          "请带身份证和医疗保险（医保）卡到社区服务中心办理，",
          "地址是三号楼一层。",
          "以上内容来自《居家养老服务补贴办法》。",
          "按1，怎么申请。",
          "按2，需要什么材料。",
          "按3，听详细内容。",
          "按0，转人工服务。");
      assertThat(r.rate()).isEqualTo(0.85);
      assertThat(r.ssml()).startsWith("<prosody rate=\"85%\"><s>六十岁以上").endsWith("转人工服务。</s></prosody>");
      assertThat(r.keys()).containsEntry("3", Renderer.ACTION_MORE);
    }

    @Test
    void englishPressOptionsAndTheLinkComesByText() {
      VoiceRendering r = (VoiceRendering) renderer.render(EN, Channel.VOICE, AccessProfile.STANDARD);
      assertThat(r.sentences()).containsExactly(
          "Residents aged 60 or over can apply for a home care subsidy of 200 yuan a month.",
          "Bring your ID card to the service centre in Building 3.",
          "See a link for details.",
          "This comes from Home Care Subsidy Rules.",
          "Press 1 for how to apply.",
          "Press 2 for what to bring.",
          "Press 3 to hear more detail.",
          "Press 4 and we will text you the link.",
          "Press 0 to talk to a person.");
      assertThat(r.keys()).containsEntry("4", Renderer.ACTION_LINK + "https://linli.example.cn/subsidy");
      assertThat(r.ssml()).doesNotContain("prosody").startsWith("<s>Residents");
    }

    @Test
    void moreReadsTheDetailWithNumbersSpoken() {
      VoiceRendering r = (VoiceRendering) renderer.renderMore(ZH, Channel.VOICE, AccessProfile.ELDER);
      assertThat(r.text()).contains("2024年1月1日", "零幺零 幺二三四 五六七八", "上午八点三十分到下午五点")
          .doesNotContain("听详细内容");
    }

    @Test
    void ssmlIsEscaped() {
      VoiceRendering r = (VoiceRendering) renderer.render(Answer.of(Lang.EN, "Tom & Jerry <b>x</b> \"y\"."),
          Channel.VOICE, AccessProfile.VOICE_ONLY);
      assertThat(r.ssml()).isEqualTo("<s>Tom &amp; Jerry x &quot;y&quot;.</s>");
    }

    @Test
    void slowerMeansSlowerProsody() {
      VoiceRendering r = (VoiceRendering) renderer.render(ZH, Channel.VOICE, AccessProfile.ELDER.slower());
      assertThat(r.rate()).isLessThan(0.85);
      assertThat(r.ssml()).startsWith("<prosody rate=\"72%\">");
    }
  }

  @Nested
  class Kiosk {
    @Test
    void shortFormDetailButtonsSourcesAndSpeech() {
      KioskRendering r = (KioskRendering) renderer.render(ZH, Channel.KIOSK, AccessProfile.ELDER);
      assertThat(r.shortForm())
          .isEqualTo("60岁以上的老人可以申请居家养老服务补贴，每月¥200。请带身份证和医保卡到社区服务中心办理，地址是3号楼1层。");
      assertThat(r.detail()).startsWith("详情见https://linli.example.cn/subsidy").contains("补贴从2024-01-01起执行");
      assertThat(r.buttons()).extracting(Choice::value).containsExactly("apply", "docs", Renderer.ACTION_PERSON);
      assertThat(r.sources()).extracting(SourceRef::title).containsExactly("居家养老服务补贴办法");
      assertThat(r.spokenShortForm()).startsWith("六十岁以上").contains("每月二百元", "三号楼一层");
      assertThat(r.showPictures()).isTrue();
    }

    @Test
    void englishKioskForAVoiceOnlyResidentHasNoPictures() {
      KioskRendering r = (KioskRendering) renderer.render(EN, Channel.KIOSK, AccessProfile.VOICE_ONLY);
      assertThat(r.showPictures()).isFalse();
      assertThat(r.spokenShortForm()).contains("200 yuan");
      assertThat(r.buttons()).extracting(Choice::label).contains("Talk to a person");
    }

    @Test
    void aShortAnswerHasNoDetail() {
      KioskRendering r = (KioskRendering) renderer.render(Answer.of(Lang.ZH, "您的工单已办结。"), Channel.KIOSK,
          AccessProfile.ELDER);
      assertThat(r.shortForm()).isEqualTo("您的工单已办结。");
      assertThat(r.detail()).isEmpty();
      assertThat(r.buttons()).isEmpty();
    }
  }

  @Test
  void everyChannelGetsItsOwnRenderingType() {
    for (Channel c : Channel.values()) {
      Rendering r = renderer.render(ZH, c, AccessProfile.defaultFor(c));
      assertThat(r.channel()).isEqualTo(c);
      String kind = switch (r) {
        case TextRendering t -> "text";
        case SmsRendering s -> "sms";
        case VoiceRendering v -> "voice";
        case KioskRendering k -> "kiosk";
      };
      assertThat(kind).isNotEmpty();
    }
  }

  @Test
  void lowLiteracyShowsOnlyTheFirstShortSentence() {
    TextRendering r = (TextRendering) renderer.render(ZH, Channel.WECHAT, AccessProfile.LOW_LITERACY);
    assertThat(r.paragraphs().get(0)).isEqualTo("60岁以上的老人可以申请居家养老服务补贴，每月¥200。");
  }

  @Test
  void anAnswerWithOnlyChoicesIsJustTheMenu() {
    Answer a = new Answer(Lang.EN, "", "", List.of(new Choice("Yes", "y"), new Choice("No", "n")), List.of(), true);
    SmsRendering sms = (SmsRendering) renderer.render(a, Channel.SMS, AccessProfile.STANDARD);
    assertThat(sms.body()).isEqualTo("Reply 1 for yes\nReply 2 for no\nReply 0 for a person");
    VoiceRendering voice = (VoiceRendering) renderer.render(a, Channel.VOICE, AccessProfile.VOICE_ONLY);
    assertThat(voice.sentences()).containsExactly("Press 1 for yes.", "Press 2 for no.", "Press 0 to talk to a person.");
  }

  @Test
  void anEmptyAnswerRendersAsNothingRatherThanFailing() {
    for (Channel c : Channel.values()) {
      Rendering r = renderer.render(Answer.of(Lang.ZH, ""), c, AccessProfile.ELDER);
      assertThat(r.channel()).isEqualTo(c);
    }
  }
}
