package org.linli.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plain-text snippets with the words that matched the question marked 【like this】. Plain text
 * because the same snippet goes to SMS, speech and a kiosk; brackets survive all of them.
 *
 * <p>Spans come from the passage's body terms as the index analysed them ({@link BodyOffsets}, built
 * with the index), so a match is marked exactly where the index saw it (including character pairs
 * matched through a typo) without analysing the passage again.
 * Offsets are valid on the original text because normalisation maps one character to one.
 */
final class Snippets {

  static final int MAX_CHARS = 120;

  private Snippets() {}

  record Span(int start, int end) {}

  /** Marks {@code spans} (offsets into {@code text}, in any order, possibly overlapping). */
  static String render(String text, List<Span> spans) {
    spans = new ArrayList<>(spans);
    spans.sort(Comparator.comparingInt(Span::start));
    List<Span> merged = merge(spans);
    int from = windowStart(text, merged);
    int to = Math.min(text.length(), from + MAX_CHARS);
    StringBuilder out = new StringBuilder();
    if (from > 0) {
      out.append('…');
    }
    int pos = from;
    for (Span s : merged) {
      if (s.end() <= from || s.start() >= to) {
        continue;
      }
      int start = Math.max(s.start(), pos);
      int end = Math.min(s.end(), to);
      if (start >= end) {
        continue;
      }
      out.append(text, pos, start).append('【').append(text, start, end).append('】');
      pos = end;
    }
    out.append(text, pos, to);
    if (to < text.length()) {
      out.append('…');
    }
    return out.toString().replaceAll("\\s*\\n\\s*", " ").strip();
  }

  private static List<Span> merge(List<Span> sorted) {
    List<Span> merged = new ArrayList<>();
    for (Span s : sorted) {
      if (!merged.isEmpty() && s.start() <= merged.getLast().end()) {
        Span last = merged.removeLast();
        merged.add(new Span(last.start(), Math.max(last.end(), s.end())));
      } else {
        merged.add(s);
      }
    }
    return merged;
  }

  /** Starts at the sentence holding the first match, so that long passages show the relevant part. */
  private static int windowStart(String text, List<Span> spans) {
    if (text.length() <= MAX_CHARS || spans.isEmpty()) {
      return 0;
    }
    int first = spans.getFirst().start();
    if (first < MAX_CHARS / 2) {
      return 0;
    }
    for (int i = first - 1; i > 0 && first - i < MAX_CHARS / 2; i--) {
      if ("。！？；\n.!?;".indexOf(text.charAt(i)) >= 0) {
        return i + 1;
      }
    }
    return Math.max(0, first - 20);
  }
}
