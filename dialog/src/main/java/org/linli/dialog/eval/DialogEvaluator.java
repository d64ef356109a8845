package org.linli.dialog.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.linli.dialog.nlu.Intent;
import org.linli.dialog.nlu.IntentClassifier;

/**
 * {@code dialog eval --utterances <file.tsv> [--json]}: classifies every {@code
 * utterance<TAB>expected_intent} line of a file with the bundled intent model and reports accuracy,
 * per-intent precision and recall, and the confusion matrix.
 *
 * <p>With {@code --json}: one object per line {@code {"utterance", "expected", "predicted",
 * "confidence"}}, then one summary object {@code {"total", "correct", "accuracy", "per_intent",
 * "confusion"}}. Without it: a table for people. Unreadable input (missing file, not UTF-8, a line
 * without a tab, an unknown intent, no utterances) prints a message naming the problem and returns
 * exit code 2.
 */
public final class DialogEvaluator {

  /** Exit code for a completed evaluation. */
  public static final int OK = 0;

  /** Exit code for input that could not be read. */
  public static final int UNREADABLE_INPUT = 2;

  private record Row(String utterance, String expected, String predicted, double confidence) {}

  private DialogEvaluator() {}

  /** Runs the evaluation and returns the process exit code. */
  public static int run(Path utterancesTsv, boolean json, PrintWriter out) {
    List<String[]> examples;
    try {
      examples = read(utterancesTsv);
    } catch (UnreadableInput e) {
      if (json) {
        out.println("{\"error\":" + Json.string(e.getMessage()) + "}");
      } else {
        out.println("dialog eval: " + e.getMessage());
      }
      out.flush();
      return UNREADABLE_INPUT;
    }

    IntentClassifier classifier = IntentClassifier.bundled();
    List<Row> rows = new ArrayList<>(examples.size());
    for (String[] example : examples) {
      Intent intent = classifier.classify(example[0]);
      rows.add(new Row(example[0], example[1], intent.label(), intent.confidence()));
    }
    if (json) {
      printJson(rows, out);
    } else {
      printTable(rows, out);
    }
    out.flush();
    return OK;
  }

  private static final class UnreadableInput extends Exception {
    UnreadableInput(String message) {
      super(message);
    }
  }

  private static List<String[]> read(Path file) throws UnreadableInput {
    if (file == null) {
      throw new UnreadableInput("no utterances file given (--utterances <file.tsv>)");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new UnreadableInput("cannot read " + file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new UnreadableInput("cannot read " + file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UnreadableInput("cannot read " + file + ": " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String[]> examples = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.lastIndexOf('\t');
      if (tab <= 0) {
        throw new UnreadableInput(
            file + " line " + (i + 1) + ": expected 'utterance<TAB>expected_intent'");
      }
      String expected = line.substring(tab + 1).strip();
      if (!IntentClassifier.LABELS.contains(expected)) {
        throw new UnreadableInput(
            file + " line " + (i + 1) + ": unknown intent '" + expected + "' (known: "
                + String.join(", ", IntentClassifier.LABELS) + ")");
      }
      examples.add(new String[] {line.substring(0, tab).strip(), expected});
    }
    if (examples.isEmpty()) {
      throw new UnreadableInput(file + " holds no utterances");
    }
    return examples;
  }

  private static Set<String> labels(List<Row> rows) {
    Set<String> labels = new LinkedHashSet<>(IntentClassifier.LABELS);
    rows.forEach(r -> labels.add(r.predicted())); // "digit"/"none" if they occur
    return labels;
  }

  private static Map<String, Map<String, Integer>> confusion(List<Row> rows, Set<String> labels) {
    Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
    for (String expected : IntentClassifier.LABELS) {
      Map<String, Integer> row = new LinkedHashMap<>();
      labels.forEach(l -> row.put(l, 0));
      confusion.put(expected, row);
    }
    rows.forEach(r -> confusion.get(r.expected()).merge(r.predicted(), 1, Integer::sum));
    return confusion;
  }

  private record Figures(int support, int predicted, int correct) {
    double precision() {
      return predicted == 0 ? 0 : (double) correct / predicted;
    }

    double recall() {
      return support == 0 ? 0 : (double) correct / support;
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  private static Figures figures(List<Row> rows, String label) {
    int support = 0;
    int predicted = 0;
    int correct = 0;
    for (Row r : rows) {
      boolean e = r.expected().equals(label);
      boolean p = r.predicted().equals(label);
      support += e ? 1 : 0;
      predicted += p ? 1 : 0;
      correct += e && p ? 1 : 0;
    }
    return new Figures(support, predicted, correct);
  }

  private static void printJson(List<Row> rows, PrintWriter out) {
    int correct = 0;
    for (Row r : rows) {
      correct += r.expected().equals(r.predicted()) ? 1 : 0;
      out.println(
          "{\"utterance\":" + Json.string(r.utterance()) + ",\"expected\":" + Json.string(r.expected())
              + ",\"predicted\":" + Json.string(r.predicted()) + ",\"confidence\":"
              + Json.number(r.confidence()) + "}");
    }
    Set<String> labels = labels(rows);
    StringBuilder s = new StringBuilder("{\"total\":").append(rows.size());
    s.append(",\"correct\":").append(correct);
    s.append(",\"accuracy\":").append(Json.number((double) correct / rows.size()));
    s.append(",\"per_intent\":{");
    boolean first = true;
    for (String label : IntentClassifier.LABELS) {
      Figures f = figures(rows, label);
      s.append(first ? "" : ",").append(Json.string(label)).append(":{\"precision\":")
          .append(Json.number(f.precision())).append(",\"recall\":").append(Json.number(f.recall()))
          .append(",\"f1\":").append(Json.number(f.f1())).append(",\"support\":").append(f.support())
          .append('}');
      first = false;
    }
    s.append("},\"confusion\":{");
    first = true;
    for (Map.Entry<String, Map<String, Integer>> row : confusion(rows, labels).entrySet()) {
      s.append(first ? "" : ",").append(Json.string(row.getKey())).append(":{");
      boolean firstCell = true;
      for (Map.Entry<String, Integer> cell : row.getValue().entrySet()) {
        if (cell.getValue() == 0) {
          continue; // sparse: absent cells are zero
        }
        s.append(firstCell ? "" : ",").append(Json.string(cell.getKey())).append(':').append(cell.getValue());
        firstCell = false;
      }
      s.append('}');
      first = false;
    }
    s.append("}}");
    out.println(s);
  }

  private static void printTable(List<Row> rows, PrintWriter out) {
    int correct = (int) rows.stream().filter(r -> r.expected().equals(r.predicted())).count();
    out.printf(Locale.ROOT, "utterances: %d   correct: %d   accuracy: %.3f%n%n", rows.size(), correct,
        (double) correct / rows.size());
    out.printf(Locale.ROOT, "%-14s %9s %9s %9s %8s%n", "intent", "precision", "recall", "f1", "support");
    for (String label : IntentClassifier.LABELS) {
      Figures f = figures(rows, label);
      out.printf(Locale.ROOT, "%-14s %9.3f %9.3f %9.3f %8d%n", label, f.precision(), f.recall(), f.f1(),
          f.support());
    }
    Set<String> labels = labels(rows);
    out.println();
    out.println("confusion (rows: expected, columns: predicted)");
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s", ""));
    for (String l : labels) {
      header.append(String.format(Locale.ROOT, " %5s", abbreviate(l)));
    }
    out.println(header);
    for (Map.Entry<String, Map<String, Integer>> row : confusion(rows, labels).entrySet()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s", row.getKey()));
      for (int count : row.getValue().values()) {
        line.append(String.format(Locale.ROOT, " %5s", count == 0 ? "." : Integer.toString(count)));
      }
      out.println(line);
    }
    List<Row> errors = rows.stream().filter(r -> !r.expected().equals(r.predicted())).toList();
    if (!errors.isEmpty()) {
      out.println();
      out.println("misclassified:");
      for (Row r : errors) {
        out.printf(Locale.ROOT, "  %-13s -> %-13s %.2f  %s%n", r.expected(), r.predicted(), r.confidence(),
            r.utterance());
      }
    }
  }

  private static String abbreviate(String label) {
    return label.length() <= 5 ? label : label.substring(0, 5);
  }
}
