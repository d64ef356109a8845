package org.linli.accessibility.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmenterTest {

  @Test
  void plainEnglishIsGsm7AndChineseIsUcs2() {
    assertThat(SmsSegmenter.encodingOf("Reply 1 for more")).isEqualTo(SmsEncoding.GSM7);
    assertThat(SmsSegmenter.encodingOf("Price: ¥200 or €30 {x}")).isEqualTo(SmsEncoding.GSM7);
    assertThat(SmsSegmenter.encodingOf("回复1看详细")).isEqualTo(SmsEncoding.UCS2);
    assertThat(SmsSegmenter.encodingOf("Hello “quoted”")).isEqualTo(SmsEncoding.UCS2);
  }

  @Test
  void extensionCharactersCountDouble() {
    assertThat(SmsSegmenter.units("^{}\\[~]|€", SmsEncoding.GSM7)).isEqualTo(18);
    assertThat(SmsSegmenter.units("abc", SmsEncoding.GSM7)).isEqualTo(3);
    assertThat(SmsSegmenter.units("好😀", SmsEncoding.UCS2)).isEqualTo(3);
  }

  @Test
  void singleMessageLimitsAre160And70() {
    assertThat(SmsSegmenter.segmentCount("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegmenter.segmentCount("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegmenter.segmentCount("好".repeat(70))).isEqualTo(1);
    assertThat(SmsSegmenter.segmentCount("好".repeat(71))).isEqualTo(2);
    // 80 braces are 160 septets: one message; 81 are not.
    assertThat(SmsSegmenter.segmentCount("{".repeat(80))).isEqualTo(1);
    assertThat(SmsSegmenter.segmentCount("{".repeat(81))).isEqualTo(2);
  }

  @Test
  void concatenatedSegmentsHold153And67() {
    Segmentation en = SmsSegmenter.segment("a".repeat(306));
    assertThat(en.segments()).extracting(String::length).containsExactly(153, 153);
    Segmentation zh = SmsSegmenter.segment("好".repeat(134));
    assertThat(zh.segments()).extracting(String::length).containsExactly(67, 67);
  }

  @Test
  void chineseIsCutAfterASentenceNotInTheMiddleOfOne() {
    String first = "六十岁以上的老人可以申请居家养老服务补贴，每月二百元，按季度发放到社会保障卡里，不需要另外开户。"; // 48
    String second = "请带身份证和户口本到社区服务中心三号楼一层办理，工作日上午九点到下午五点都可以，中午也有人值班。";
    Segmentation s = SmsSegmenter.segment(first + second);
    assertThat(s.encoding()).isEqualTo(SmsEncoding.UCS2);
    assertThat(s.segments().get(0)).isEqualTo(first);
    assertThat(s.text()).isEqualTo(first + second);
  }

  @Test
  void anAmountWithThousandsSeparatorAndAPhoneNumberStayWhole() {
    String text = "补贴标准为每人每月1,200元，请拨打138 0013 8000咨询，或到社区服务中心找工作人员办理，" + "我们会在三个工作日内回复您，谢谢您的耐心等待和理解支持。";
    for (int pad = 0; pad < 40; pad++) {
      String t = "好".repeat(pad) + text;
      Segmentation s = SmsSegmenter.segment(t);
      assertThat(s.segments()).anySatisfy(seg -> assertThat(seg).contains("1,200元"));
      assertThat(s.segments()).anySatisfy(seg -> assertThat(seg).contains("138 0013 8000"));
    }
  }

  @Test
  void englishIsNeverCutInsideAWord() {
    String text = ("Residents over sixty can apply for the home care subsidy at the community service centre "
        + "without an appointment ").repeat(4);
    Segmentation s = SmsSegmenter.segment(text);
    for (int i = 0; i < s.count() - 1; i++) {
      String seg = s.segments().get(i);
      assertThat(seg).endsWith(" ");
    }
  }

  @Test
  void firstAnswerFitsInTwoSegmentsAndEndsWithTheHint() {
    String text = "居家养老服务补贴面向本社区六十岁以上的老人。每月二百元，按季度发放到社会保障卡。"
        + "申请时请带身份证、户口本和银行卡。社区服务中心在三号楼一层，工作日上午九点到下午五点办理。"
        + "行动不便的老人可以打电话预约上门办理，工作人员会在三个工作日内联系您。"
        + "如果对结果有疑问，可以在收到通知后三十天内提出复核申请。";
    assertThat(SmsSegmenter.segmentCount(text)).isGreaterThan(2);
    String first = SmsSegmenter.firstAnswer(text, 2, "回复1看详细");
    assertThat(SmsSegmenter.segmentCount(first)).isLessThanOrEqualTo(2);
    assertThat(first).endsWith("。回复1看详细").startsWith("居家养老服务补贴");
    assertThat(text).startsWith(first.substring(0, first.length() - "回复1看详细".length()));
  }

  @Test
  void firstAnswerLeavesAShortTextAlone() {
    assertThat(SmsSegmenter.firstAnswer("Your case is closed.", 2, "Reply 1 for more"))
        .isEqualTo("Your case is closed.");
  }

  @Test
  void firstAnswerInEnglishCutsAtASentence() {
    String text = "The home care subsidy is for residents aged sixty or over. It is paid every quarter. ".repeat(5);
    String first = SmsSegmenter.firstAnswer(text, 2, "Reply 1 for more");
    assertThat(SmsSegmenter.segment(first).count()).isLessThanOrEqualTo(2);
    assertThat(first).endsWith(". Reply 1 for more");
  }

  @Test
  void firstAnswerKeepsTheOptionsWhole() {
    String text = "这是一段很长的说明。".repeat(30);
    String tail = "\n回复2：怎么申请\n回复0转人工";
    String first = SmsSegmenter.firstAnswer(text, tail, 2, "回复1看详细");
    assertThat(first).endsWith("回复1看详细" + tail);
    assertThat(SmsSegmenter.segmentCount(first)).isLessThanOrEqualTo(2);
  }

  @Test
  void anEmojiIsNeverSplitAcrossSegments() {
    String text = "好".repeat(66) + "😀" + "好".repeat(10);
    Segmentation s = SmsSegmenter.segment(text);
    assertThat(s.text()).isEqualTo(text);
    for (String seg : s.segments()) {
      assertThat(Character.isHighSurrogate(seg.charAt(seg.length() - 1))).isFalse();
      assertThat(seg.length()).isLessThanOrEqualTo(67);
    }
  }
}
