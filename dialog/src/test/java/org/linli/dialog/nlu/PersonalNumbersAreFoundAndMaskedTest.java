package org.linli.dialog.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalNumbersAreFoundAndMaskedTest {

  private final EntityExtractor extractor = new EntityExtractor();

  private List<Entity> extract(String raw) {
    return extractor.extract(TextNormalizer.normalize(raw));
  }

  @Test
  void aMobileNumberInsideASentenceIsFoundWithItsSpan() {
    String text = TextNormalizer.normalize("我的电话是13812345678，有事打我");
    List<Entity> entities = extractor.extract(text);
    assertThat(entities)
        .extracting(Entity::type, Entity::value)
        .containsExactly(tuple(Entity.Type.PHONE, "13812345678"));
    Entity phone = entities.get(0);
    assertThat(text.substring(phone.start(), phone.end())).isEqualTo("13812345678");
  }

  @Test
  void phoneNumbersWrittenSpokenOrWithACountryCodeAreFound() {
    assertThat(extract("电话 138-1234-5678")).extracting(Entity::value).containsExactly("13812345678");
    assertThat(extract("一三八一二三四五六七八")).extracting(Entity::value).containsExactly("13812345678");
    assertThat(extract("call me on +86 139 8765 4321")).extracting(Entity::value).containsExactly("13987654321");
    assertThat(extract("座机010-62345678")).extracting(Entity::value).containsExactly("010-62345678");
    assertThat(extract("打0571 87654321找我")).extracting(Entity::value).containsExactly("0571-87654321");
  }

  @Test
  void anIdCardNumberWithAValidCheckDigitIsFoundAndComesBackMasked() {
    List<Entity> entities = extract("身份证号11010519491231002X");
    assertThat(entities).extracting(Entity::type).containsExactly(Entity.Type.ID_CARD);
    assertThat(entities.get(0).value()).isEqualTo("**************002X");
    assertThat(entities.get(0).isSensitive()).isTrue();
  }

  @Test
  void anIdCardReadOutInChineseNumeralsIsFound() {
    assertThat(extract("我身份证是一一零一零一一九九零零三零七一二三三"))
        .extracting(Entity::type)
        .containsExactly(Entity.Type.ID_CARD);
  }

  @Test
  void anIdCardNumberWithAWrongCheckDigitIsNotAnIdCard() {
    assertThat(EntityExtractor.validId18("110101199003071233")).isTrue();
    assertThat(EntityExtractor.validId18("110101199003071234")).isFalse();
    assertThat(extract("身份证110101199003071234")).extracting(Entity::type).doesNotContain(Entity.Type.ID_CARD);
  }

  @Test
  void anOldFifteenDigitIdCardIsFound() {
    assertThat(extract("老身份证110105491231002")).extracting(Entity::type).containsExactly(Entity.Type.ID_CARD);
  }

  @Test
  void aBankCardPassingTheLuhnCheckIsFoundAndMasked() {
    assertThat(EntityExtractor.luhn("6222021234567890128")).isTrue();
    assertThat(EntityExtractor.luhn("6222021234567890127")).isFalse();
    assertThat(EntityExtractor.luhn("622202123456789012")).isTrue();
    List<Entity> entities = extract("卡号 6222 0212 3456 7890 12 转账");
    assertThat(entities).extracting(Entity::type).containsExactly(Entity.Type.BANK_CARD);
    assertThat(entities.get(0).value()).isEqualTo("**************9012");
  }

  @Test
  void idAndBankCardNumbersAreMaskedKeepingTheLastFour() {
    assertThat(PiiMasker.mask("身份证11010519491231002X")).isEqualTo("身份证**************002X");
    assertThat(PiiMasker.mask("卡号6222021234567890128")).isEqualTo("卡号***************0128");
    assertThat(PiiMasker.mask("卡号6222 0212 3456 7890")).isEqualTo("卡号**** **** **** 7890");
  }

  @Test
  void aMistypedIdOrCardNumberIsStillMasked() {
    assertThat(PiiMasker.mask("110101199003071234")).isEqualTo("**************1234");
  }

  @Test
  void phoneNumbersAreMaskedOnlyWhenAsked() {
    String text = "电话13812345678，座机010-62345678";
    assertThat(PiiMasker.mask(text)).isEqualTo(text);
    assertThat(PiiMasker.maskAll(text)).isEqualTo("电话138****5678，座机010-****5678");
  }

  @Test
  void ticketNumbersAreFoundWhenTheContextSaysSoOrTheMessageIsJustTheNumber() {
    assertThat(extract("工单123456到哪了")).extracting(Entity::type, Entity::value)
        .containsExactly(tuple(Entity.Type.TICKET, "123456"));
    assertThat(extract("my case number is 654321")).extracting(Entity::value).containsExactly("654321");
    assertThat(extract("二零八三一七")).extracting(Entity::type, Entity::value)
        .containsExactly(tuple(Entity.Type.TICKET, "208317"));
    assertThat(extract("我家门牌号码200031")).extracting(Entity::type).doesNotContain(Entity.Type.TICKET);
  }

  @Test
  void addressesKeepEstateBuildingUnitAndRoom() {
    assertThat(extract("我住在阳光花园3栋2单元501室")).extracting(Entity::type, Entity::text)
        .containsExactly(tuple(Entity.Type.ADDRESS, "阳光花园3栋2单元501室"));
    assertThat(extract("我家住在和平小区三号楼二单元五零一")).extracting(Entity::text)
        .containsExactly("和平小区3号楼2单元501");
    assertThat(extract("人民路15号门口的路灯坏了")).extracting(Entity::type, Entity::text)
        .contains(tuple(Entity.Type.ADDRESS, "人民路15号"));
    assertThat(extract("5号楼的电梯坏了")).extracting(Entity::text).containsExactly("5号楼");
    assertThat(extract("I live in building 3, room 502")).extracting(Entity::type, Entity::text)
        .containsExactly(tuple(Entity.Type.ADDRESS, "building 3, room 502"));
  }

  @Test
  void datesAndTimesAreOneMentionEach() {
    assertThat(extract("明天上午来修")).extracting(Entity::type, Entity::text)
        .containsExactly(tuple(Entity.Type.DATE_TIME, "明天上午"));
    assertThat(extract("三月五日下午三点有空")).extracting(Entity::text).containsExactly("3月5日下午3点");
    assertThat(extract("下周二下午两点半")).extracting(Entity::text).containsExactly("下周二下午2点半");
    assertThat(extract("can someone come tomorrow at 9am")).extracting(Entity::text)
        .containsExactly("tomorrow at 9am");
  }

  @Test
  void aSentenceWithSeveralEntitiesKeepsThemInOrder() {
    assertThat(extract("我是阳光花园3栋的，电话13812345678，明天下午在家"))
        .extracting(Entity::type)
        .containsExactly(Entity.Type.ADDRESS, Entity.Type.PHONE, Entity.Type.DATE_TIME);
  }
}
