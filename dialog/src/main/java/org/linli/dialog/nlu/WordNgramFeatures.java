package org.linli.dialog.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Intent features from the segmented words: each word, each pair of neighbouring words, and the
 * length of any number.
 *
 * <p>Public with a no-arg constructor only because OpenNLP re-creates feature generators by class
 * name when a serialised model is loaded; not part of the dialogue API.
 */
public final class WordNgramFeatures implements FeatureGenerator {

  public WordNgramFeatures() {}

  @Override
  public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
    List<String> features = new ArrayList<>(words.length * 2 + 1);
    for (int i = 0; i < words.length; i++) {
      features.add("w=" + words[i]);
      if (words[i].chars().allMatch(Character::isDigit)) {
        // The shape of a number says more than its value: six digits are a work order.
        features.add("digits=" + Math.min(words[i].length(), 12));
      }
      String previous = i == 0 ? "^" : words[i - 1];
      features.add("ww=" + previous + "_" + words[i]);
    }
    if (words.length > 0) {
      features.add("ww=" + words[words.length - 1] + "_$");
    }
    return features;
  }
}
