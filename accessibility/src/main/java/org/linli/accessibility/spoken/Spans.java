package org.linli.accessibility.spoken;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text being normalised, as a list of parts: parts still open to later stages and parts already in
 * their spoken form. A stage rewrites matches in open parts only, so "2024年1月1日" written by the
 * date stage is not read again as three numbers by the number stage.
 */
final class Spans {
  private record Part(String text, boolean done) {}

  private List<Part> parts = new ArrayList<>();

  Spans(String text) {
    parts.add(new Part(text, false));
  }

  /** Replaces every match in the open parts; the replacement is final. */
  Spans stage(Pattern pattern, Function<MatchResult, String> replacement) {
    List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      if (p.done) {
        out.add(p);
        continue;
      }
      Matcher m = pattern.matcher(p.text);
      int last = 0;
      while (m.find()) {
        String r = replacement.apply(m.toMatchResult());
        if (r == null) {
          continue; // the stage declined this match
        }
        if (m.start() > last) {
          out.add(new Part(p.text.substring(last, m.start()), false));
        }
        out.add(new Part(r, true));
        last = m.end();
      }
      if (last < p.text.length()) {
        out.add(new Part(p.text.substring(last), false));
      }
    }
    parts = out;
    return this;
  }

  /** The whole text, open and finished parts together. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      sb.append(p.text);
    }
    return sb.toString();
  }
}
