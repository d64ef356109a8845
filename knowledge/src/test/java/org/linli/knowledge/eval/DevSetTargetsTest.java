package org.linli.knowledge.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.linli.knowledge.DemoKnowledgeBase;

/**
 * The targets of the knowledge-base issue, measured by {@code kb eval} on the demo knowledge base
 * and the development question set. If this fails after a content change, run {@code kb eval}
 * and read the "Questions to look at" list.
 */
class DevSetTargetsTest {

  @Test
  void demoKnowledgeBaseMeetsTheTargetsOnTheDevelopmentSet() {
    StringWriter s = new StringWriter();
    int exit = KbEvaluator.run(DemoKnowledgeBase.folder(), DemoKnowledgeBase.devQuestions(), true, new PrintWriter(s));
    List<String> lines = s.toString().lines().toList();
    String summary = lines.getLast();
    String engine = summary.substring(0, summary.indexOf("\"by_tag\""));
    String byTag = summary.substring(summary.indexOf("\"by_tag\""), summary.indexOf("\"baseline\""));

    assertThat(exit).isZero();
    assertThat(lines.size() - 1).isGreaterThanOrEqualTo(250);
    assertThat(number(summary, "\"out_of_scope\":(\\d+)")).isGreaterThanOrEqualTo(40);
    assertThat(number(engine, "\"recall@1\":([0-9.]+)")).isGreaterThanOrEqualTo(0.92);
    assertThat(number(engine, "\"recall@3\":([0-9.]+)")).isGreaterThanOrEqualTo(0.98);
    assertThat(number(engine, "\"in_scope_answered\":([0-9.]+)")).isGreaterThanOrEqualTo(0.92);
    assertThat(number(engine, "\"out_of_scope_abstained\":([0-9.]+)")).isGreaterThanOrEqualTo(0.90);
    for (String tag : List.of("traditional", "homophone", "english")) {
      assertThat(number(byTag, "\"" + tag + "\":\\{[^}]*\"recall@1\":([0-9.]+)"))
          .as("recall@1 of %s questions", tag)
          .isGreaterThanOrEqualTo(0.90);
    }
  }

  private static double number(String json, String regex) {
    Matcher m = Pattern.compile(regex).matcher(json);
    assertThat(m.find()).as("%s in %s", regex, json).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
