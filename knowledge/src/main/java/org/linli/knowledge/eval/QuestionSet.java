package org.linli.knowledge.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A development question set: UTF-8 TSV, {@code question<TAB>expected_doc_id[<TAB>tag]} per line,
 * where {@code -} marks an out-of-scope question. Blank lines and lines starting with {@code #}
 * are skipped.
 */
record QuestionSet(List<Question> questions) {

  static final String OUT_OF_SCOPE = "-";

  /** One line of the set. @param tag empty when the file has no third column */
  record Question(String text, String expected, String tag, int line) {
    boolean inScope() {
      return !OUT_OF_SCOPE.equals(expected);
    }
  }

  /** A line that is not {@code question<TAB>expected}. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  static QuestionSet read(Path file) throws IOException, Malformed {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Question> questions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length < 2 || cols[0].isBlank() || cols[1].isBlank()) {
        throw new Malformed(
            file + ":" + (i + 1) + ": expected 'question<TAB>expected_doc_id[<TAB>tag]'");
      }
      String tag = cols.length >= 3 ? cols[2].strip() : "";
      questions.add(new Question(cols[0].strip(), cols[1].strip(), tag, i + 1));
    }
    return new QuestionSet(questions);
  }
}
