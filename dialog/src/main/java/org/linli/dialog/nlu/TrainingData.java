package org.linli.dialog.nlu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@code utterance<TAB>intent} format of the training and held-out files. */
final class TrainingData {

  record Example(String text, String label, int line) {}

  private TrainingData() {}

  /**
   * Parses TSV bytes (UTF-8, optional BOM). Blank lines and lines starting with '#' are skipped.
   *
   * @throws IllegalArgumentException naming the line for a missing tab or an unknown label
   */
  static List<Example> parse(byte[] tsv) {
    String text = new String(tsv, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Example> examples = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.lastIndexOf('\t');
      if (tab <= 0) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": expected 'utterance<TAB>intent' but found: " + line);
      }
      String utterance = line.substring(0, tab).strip();
      String label = line.substring(tab + 1).strip();
      if (!IntentClassifier.LABELS.contains(label)) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": unknown intent '" + label + "'; expected one of " + IntentClassifier.LABELS);
      }
      examples.add(new Example(utterance, label, i + 1));
    }
    return examples;
  }
}
