package org.linli.accessibility.spoken;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpokenFormTest {

  @Nested
  class Chinese {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        2024-01-01起执行                  | 2024年1月1日起执行
        2024/3/15                         | 2024年3月15日
        2024.12.31前                      | 2024年12月31日前
        2024年01月05日                    | 2024年1月5日
        1月5日截止                        | 1月5日截止
        14:30                             | 下午两点三十分
        9:00                              | 上午九点
        8:05                              | 上午八点零五分
        12:00                             | 中午十二点
        20:15                             | 晚上八点十五分
        下午2:30开会                      | 下午两点三十分开会
        工作时间8:30-17:00                | 工作时间上午八点三十分到下午五点
        ¥1,200                            | 一千二百元
        1200元                            | 一千二百元
        ￥35.50                           | 三十五元五角
        0.05元                            | 五分
        12.05元                           | 十二元零五分
        补贴1.5万元                       | 补贴一点五万元
        2000元                            | 两千元
        5%                                | 百分之五
        报销比例70%                       | 报销比例百分之七十
        3.5％                             | 百分之三点五
        13800138000                       | 幺三八 零零幺三 八零零零
        138-0013-8000                     | 幺三八 零零幺三 八零零零
        010-12345678                      | 零幺零 幺二三四 五六七八
        热线12345                         | 热线幺二三四五
        400-123-4567                      | 四零零 幺二三 四五六七
        紧急情况请拨打120                 | 紧急情况请拨打幺二零
        您的工单号是240101                | 您的工单号是二四零一零一
        替尾号 5001（子女）办理            | 替尾号 五零零幺（子女）办理
        3号楼                             | 三号楼
        5公里                             | 五公里
        2个人                             | 两个人
        2号楼2层                           | 二号楼二层
        第2条                             | 第二条
        3-5个工作日                        | 三到五个工作日
        共15人                            | 共十五人
        105岁                             | 一百零五岁
        10010人                           | 一万零一十人
        全区100000人                      | 全区十万人
        """)
    void readsNumbersTheWayAListenerUnderstands(String written, String spoken) {
      assertThat(SpokenForm.zh(written)).isEqualTo(spoken);
    }

    @Test
    void phoneNumbersInsideSentencesAreReadDigitByDigit() {
      assertThat(SpokenForm.zh("如有疑问，请拨打13912345678咨询王老师。"))
          .isEqualTo("如有疑问，请拨打幺三九 幺二三四 五六七八咨询王老师。");
    }

    @Test
    void mixedChineseAndEnglishKeepsTheEnglishForTheEngine() {
      assertThat(SpokenForm.zh("请在WeChat里搜索Linli小程序，3号楼ATM旁边"))
          .isEqualTo("请在WeChat里搜索Linli小程序，三号楼ATM旁边");
    }

    @Test
    void aLinkIsReplacedByHowToGetIt() {
      assertThat(SpokenForm.zh("详情见https://linli.example.cn/subsidy?id=3 。", Map.of(), "链接，回复1获取"))
          .isEqualTo("详情见链接，回复1获取 。");
      assertThat(SpokenForm.zh("登录www.gov.cn查看")).isEqualTo("登录链接查看");
    }

    @Test
    void anAbbreviationIsExpandedOnFirstMentionOnly() {
      Map<String, String> abbreviations = Map.of("医保", "医疗保险", "低保", "最低生活保障");
      assertThat(SpokenForm.zh("医保可以报销，医保卡请带好。低保户另有补助。", abbreviations))
          .isEqualTo("医疗保险（医保）可以报销，医保卡请带好。最低生活保障（低保）户另有补助。");
    }

    @Test
    void anAbbreviationIsNotExpandedWhenTheFullFormIsAlreadyThere() {
      assertThat(SpokenForm.zh("医疗保险（医保）每年缴费一次，医保卡请带好。", Map.of("医保", "医疗保险")))
          .isEqualTo("医疗保险（医保）每年缴费一次，医保卡请带好。");
    }

    @Test
    void aFullSentenceWithEverythingInIt() {
      assertThat(SpokenForm.zh("请于2024-01-01 14:30前到3号楼缴费¥1,200，咨询13800138000。"))
          .isEqualTo("请于2024年1月1日下午两点三十分前到三号楼缴费一千二百元，咨询幺三八 零零幺三 八零零零。");
    }

    @Test
    void emptyTextStaysEmpty() {
      assertThat(SpokenForm.zh("")).isEmpty();
      assertThat(SpokenForm.zh(null)).isEmpty();
    }
  }

  @Nested
  class English {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        2024-01-01                        | January 1, 2024
        by 2024/3/15.                     | by March 15, 2024.
        14:30                             | two thirty PM
        9:00                              | nine AM
        8:05                              | eight oh five AM
        12:00                             | twelve noon
        0:00                              | midnight
        9:15am                            | nine fifteen AM
        open 8:30-17:00                   | open eight thirty AM to five PM
        ¥1,200                            | 1,200 yuan
        1200元                            | 1,200 yuan
        RMB 300                           | 300 yuan
        12.50 yuan                        | 12.50 yuan
        5%                                | 5 percent
        138-0013-8000                     | one three eight, zero zero one three, eight zero zero zero
        hotline 12345.                    | hotline one two three four five.
        case 240101                       | case two four zero one zero one
        number ends in 5001               | number ends in five zero zero one
        100000 people                     | 100000 people
        5km                               | 5 kilometres
        1 km                              | 1 kilometre
        """)
    void readsNumbersTheWayAListenerUnderstands(String written, String spoken) {
      assertThat(SpokenForm.en(written)).isEqualTo(spoken);
    }

    @Test
    void phoneNumbersInsideSentencesAreReadDigitByDigit() {
      assertThat(SpokenForm.en("If in doubt, call 13912345678 and ask for Ms Wang."))
          .isEqualTo("If in doubt, call one three nine, one two three four, five six seven eight and ask for Ms Wang.");
    }

    @Test
    void mixedEnglishAndChineseKeepsTheChinese() {
      assertThat(SpokenForm.en("Go to 社区服务中心 in Building 3 before 17:00."))
          .isEqualTo("Go to 社区服务中心 in Building 3 before five PM.");
    }

    @Test
    void linksAndAbbreviations() {
      assertThat(SpokenForm.en("Bring your ID. Your ID number is on the card. See https://linli.example.cn",
              Map.of("ID", "identity card")))
          .isEqualTo("Bring your identity card (ID). Your ID number is on the card. See a link");
    }

    @Test
    void anAbbreviationInsideAWordIsLeftAlone() {
      assertThat(SpokenForm.en("IDEAS and ID", Map.of("ID", "identity card")))
          .isEqualTo("IDEAS and identity card (ID)");
    }
  }
}
