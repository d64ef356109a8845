package org.linli.knowledge.analysis;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * Toneless, dialect-folded pinyin of single Han characters, the key that makes speech-recogniser
 * homophones (高灵津贴 for 高龄津贴, 底保 for 低保) meet the right words.
 *
 * <p>Folding merges the sounds that recognisers and southern speakers confuse most: zh/ch/sh with
 * z/c/s, and the nasal finals -ng with -n. A slightly coarser key costs little precision because
 * the field indexes pairs of syllables, not single ones.
 */
public final class Pinyin {

  private static final String[] TABLE = new String[Character.MAX_VALUE + 1];
  private static final Transliterator HAN_TO_ASCII = Transliterator.getInstance("Han-Latin; Latin-ASCII");

  private Pinyin() {}

  /** The folded syllable of a Han character, or null when {@code c} is not Han. */
  public static String of(char c) {
    if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
      return null;
    }
    String syllable = TABLE[c];
    if (syllable == null) {
      syllable = fold(transliterate(c));
      TABLE[c] = syllable; // benign race: every thread computes the same value
    }
    return syllable;
  }

  private static String transliterate(char c) {
    synchronized (HAN_TO_ASCII) {
      return HAN_TO_ASCII.transliterate(String.valueOf(c)).strip().toLowerCase(Locale.ROOT);
    }
  }

  static String fold(String syllable) {
    String s = syllable;
    if (s.length() > 2 && s.charAt(1) == 'h' && "zcs".indexOf(s.charAt(0)) >= 0) {
      s = s.charAt(0) + s.substring(2);
    }
    if (s.endsWith("ng")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
