package org.linli.dialog.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linli.knowledge.Lang;

class OneMessageIsUnderstoodTest {

  private static final Nlu NLU = new Nlu();

  @Test
  void aRepairReportInTraditionalCharactersWithAnAddressAndPhoneIsUnderstood() {
    Understanding u = NLU.understand("嗯，那個，我家樓上漏水了，陽光花園三棟二單元，電話13812345678", null);
    assertThat(u.lang()).isEqualTo(Lang.ZH);
    assertThat(u.intent().label()).isEqualTo("report_issue");
    assertThat(u.normalized()).startsWith("我家楼上漏水了");
    assertThat(u.first(Entity.Type.ADDRESS)).get().extracting(Entity::text).isEqualTo("阳光花园3栋2单元");
    assertThat(u.first(Entity.Type.PHONE)).get().extracting(Entity::value).isEqualTo("13812345678");
  }

  @Test
  void anIdCardNumberNeverReachesTheMaskedTextOrTheLog() {
    Understanding u = NLU.understand("我的身份证号是11010519491231002X，低保怎么申请", Lang.ZH);
    assertThat(u.masked()).doesNotContain("11010519491231").contains("**************002x");
    assertThat(u.toString()).doesNotContain("11010519491231");
    assertThat(u.first(Entity.Type.ID_CARD)).get().extracting(Entity::value).isEqualTo("**************002X");
  }

  @Test
  void phoneNumbersAreMaskedWhenTheNluIsBuiltToMaskThem() {
    Nlu masking = new Nlu(IntentClassifier.bundled(), true);
    assertThat(masking.understand("电话13812345678", null).masked()).isEqualTo("电话138****5678");
  }

  @Test
  void aLoneKeyPressKeepsTheConversationsLanguage() {
    Understanding u = NLU.understand("0", Lang.EN);
    assertThat(u.lang()).isEqualTo(Lang.EN);
    assertThat(u.intent().label()).isEqualTo("request_human");
  }

  @Test
  void anEnglishEmergencyIsUnderstoodInEnglish() {
    Understanding u = NLU.understand("Help! My father fell down and can't get up", Lang.ZH);
    assertThat(u.lang()).isEqualTo(Lang.EN);
    assertThat(u.intent().label()).isEqualTo("emergency");
  }

  @Test
  void anEmptyMessageIsNotAnIntent() {
    Understanding u = NLU.understand(null, null);
    assertThat(u.intent().label()).isEqualTo(Intent.NONE);
    assertThat(u.entities()).isEmpty();
  }
}
