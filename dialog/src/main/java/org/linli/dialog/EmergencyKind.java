package org.linli.dialog;

import java.util.List;
import java.util.Locale;

/**
 * Which emergency number fits what the resident said: fire and gas 119, medical 120, violence
 * 110, self-harm the crisis line. Unclear cases get all three numbers rather than a guess.
 */
enum EmergencyKind {
  SELF_HARM(List.of("想死", "不想活", "自杀", "轻生", "活不下去", "结束生命", "suicide", "kill myself", "end my life")),
  FIRE(List.of("火", "烟", "燃气", "煤气", "天然气", "爆炸", "fire", "smoke", "gas", "explosion")),
  MEDICAL(
      List.of(
          "摔", "倒", "晕", "昏", "胸", "心脏", "喘", "呼吸", "血", "中风", "抽搐", "不省人事", "没反应",
          "fell", "fall", "faint", "chest", "heart", "breath", "bleeding", "unconscious", "stroke")),
  VIOLENCE(List.of("打人", "打架", "家暴", "抢", "砍", "刀", "威胁", "杀", "attack", "fight", "rob", "knife", "threat")),
  GENERAL(List.of());

  private final List<String> words;

  EmergencyKind(List<String> words) {
    this.words = words;
  }

  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static EmergencyKind of(String text) {
    String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
    for (EmergencyKind kind : values()) {
      for (String w : kind.words) {
        if (t.contains(w)) {
          return kind;
        }
      }
    }
    return GENERAL;
  }
}
