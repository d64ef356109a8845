package org.linli.accessibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccessProfileTest {

  @Test
  void everyBaseProfileHasItsStableLowerCaseCode() {
    assertThat(AccessProfile.STANDARD.code()).isEqualTo("standard");
    assertThat(AccessProfile.ELDER.code()).isEqualTo("elder");
    assertThat(AccessProfile.LOW_VISION.code()).isEqualTo("low_vision");
    assertThat(AccessProfile.VOICE_ONLY.code()).isEqualTo("voice_only");
    assertThat(AccessProfile.TEXT_ONLY.code()).isEqualTo("text_only");
    assertThat(AccessProfile.LOW_LITERACY.code()).isEqualTo("low_literacy");
  }

  @ParameterizedTest
  @EnumSource(AccessProfile.Kind.class)
  void aStoredCodeParsesBackToTheSameProfileAlsoWhenSlowed(AccessProfile.Kind kind) {
    AccessProfile p = AccessProfile.of(kind);
    for (int i = 0; i <= AccessProfile.MAX_SLOWER; i++) {
      assertThat(AccessProfile.parse(p.code())).isEqualTo(p);
      p = p.slower();
    }
  }

  @Test
  void parsingIsLenientAboutCaseSpaceAndHyphens() {
    assertThat(AccessProfile.parse(" Low-Vision ")).isEqualTo(AccessProfile.LOW_VISION);
    assertThat(AccessProfile.parse("ELDER+slow")).isEqualTo(AccessProfile.ELDER.slower());
  }

  @Test
  void unknownCodesAreRefused() {
    assertThatThrownBy(() -> AccessProfile.parse("fast")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessProfile.parse("elder+slow9")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessProfile.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slowerSpeaksSlowerWithShorterFormsAndFewerChoicesThenStops() {
    AccessProfile elder = AccessProfile.ELDER;
    AccessProfile slow = elder.slower();
    assertThat(slow.speechRate()).isLessThan(elder.speechRate());
    assertThat(slow.firstFormMaxChars()).isLessThan(elder.firstFormMaxChars());
    assertThat(slow.maxSentenceChars()).isLessThan(elder.maxSentenceChars());
    assertThat(slow.maxChoices()).isLessThan(elder.maxChoices());
    assertThat(slow.numberedOptions()).isTrue();
    assertThat(slow.kind()).isEqualTo(AccessProfile.Kind.ELDER);
    assertThat(slow.base()).isEqualTo(elder);
    AccessProfile slowest = slow.slower();
    assertThat(slowest.slower()).isSameAs(slowest);
    assertThat(slowest.speechRate()).isGreaterThanOrEqualTo(0.6);
    assertThat(slowest.maxChoices()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void elderIsTheDefaultForVoiceAndKiosk() {
    assertThat(AccessProfile.defaultFor(Channel.VOICE)).isEqualTo(AccessProfile.ELDER);
    assertThat(AccessProfile.defaultFor(Channel.KIOSK)).isEqualTo(AccessProfile.ELDER);
    assertThat(AccessProfile.defaultFor(Channel.WECHAT)).isEqualTo(AccessProfile.STANDARD);
  }

  @Test
  void profilesDifferWhereResidentsNeedThemTo() {
    assertThat(AccessProfile.VOICE_ONLY.offersPictures()).isFalse();
    assertThat(AccessProfile.VOICE_ONLY.numberedOptions()).isTrue();
    assertThat(AccessProfile.LOW_LITERACY.maxChoices()).isLessThan(AccessProfile.STANDARD.maxChoices());
    assertThat(AccessProfile.LOW_LITERACY.maxSentenceChars()).isLessThan(AccessProfile.ELDER.maxSentenceChars());
    assertThat(AccessProfile.ELDER.speechRate()).isLessThan(AccessProfile.STANDARD.speechRate());
    assertThat(AccessProfile.ELDER.prosodyRate()).isEqualTo("85%");
  }

  @Test
  void languageCodesParse() {
    assertThat(Lang.parse("zh-CN")).isEqualTo(Lang.ZH);
    assertThat(Lang.parse("cmn-Hans-CN")).isEqualTo(Lang.ZH);
    assertThat(Lang.parse("en_GB")).isEqualTo(Lang.EN);
    assertThatThrownBy(() -> Lang.parse("fr")).isInstanceOf(IllegalArgumentException.class);
  }
}
