package org.linli.dialog;

import org.linli.knowledge.Lang;

/**
 * The short first form of an answer: the first sentences of a passage, up to about two sentences,
 * so that an elderly resident gets the core first and can ask for more.
 */
final class ShortForm {

  static final int MAX_SENTENCES = 2;
  static final int MAX_CHARS_ZH = 90;
  static final int MAX_CHARS_EN = 240;

  static String of(String passage, Lang lang) {
    String text = passage.strip().replaceAll("\\s*\\n\\s*", " ");
    int limit = lang == Lang.EN ? MAX_CHARS_EN : MAX_CHARS_ZH;
    StringBuilder out = new StringBuilder();
    int sentences = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean end =
          c == '。' || c == '！' || c == '？' || c == '；'
              || ((c == '.' || c == '!' || c == '?')
                  && (i + 1 == text.length() || text.charAt(i + 1) == ' '));
      if (end || i == text.length() - 1) {
        String sentence = text.substring(start, i + 1);
        if (sentences > 0 && out.length() + sentence.length() > limit) {
          break;
        }
        out.append(sentence);
        sentences++;
        start = i + 1;
        if (sentences == MAX_SENTENCES) {
          break;
        }
      }
    }
    return out.toString().strip();
  }

  private ShortForm() {}
}
