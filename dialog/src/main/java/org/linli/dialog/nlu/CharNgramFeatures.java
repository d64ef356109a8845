package org.linli.dialog.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Intent features from characters: Han character 1-, 2- and 3-grams across word boundaries, so that
 * a segmentation mistake, a homophone from the speech recogniser (煤气位 for 煤气味) or an
 * out-of-vocabulary word (医保) still shares most features with the training examples; Latin
 * character 3-grams, for typos; and the whole message when it is very short ("嗯", "对对对", "ok"),
 * where a short answer's exact form is the signal.
 *
 * <p>Public with a no-arg constructor only because OpenNLP re-creates feature generators by class
 * name when a serialised model is loaded; not part of the dialogue API.
 */
public final class CharNgramFeatures implements FeatureGenerator {

  private static final int MAX_N = 3;
  private static final int SHORT_MESSAGE_CHARS = 4;

  public CharNgramFeatures() {}

  @Override
  public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
    List<String> features = new ArrayList<>();
    StringBuilder han = new StringBuilder();
    StringBuilder all = new StringBuilder();
    for (String word : words) {
      all.append(word);
      if (isHan(word)) {
        han.append(word);
      } else {
        flushHan(han, features);
        latinTrigrams(word, features);
      }
    }
    flushHan(han, features);
    if (all.length() > 0 && all.length() <= SHORT_MESSAGE_CHARS) {
      features.add("whole=" + all);
    }
    features.add("len=" + Math.min(all.length(), 12) / 3);
    return features;
  }

  private static void flushHan(StringBuilder han, List<String> features) {
    String s = "^" + han + "$";
    if (han.length() == 0) {
      return;
    }
    for (int n = 1; n <= MAX_N; n++) {
      for (int i = 0; i + n <= s.length(); i++) {
        String gram = s.substring(i, i + n);
        if (n == 1 && (gram.equals("^") || gram.equals("$"))) {
          continue;
        }
        features.add("c" + n + "=" + gram);
      }
    }
    han.setLength(0);
  }

  private static void latinTrigrams(String word, List<String> features) {
    if (word.length() < 4 || !Character.isLetter(word.charAt(0))) {
      return;
    }
    String s = "<" + word + ">";
    for (int i = 0; i + 3 <= s.length(); i++) {
      features.add("l3=" + s.substring(i, i + 3));
    }
  }

  private static boolean isHan(String word) {
    return !word.isEmpty()
        && Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.HAN;
  }
}
