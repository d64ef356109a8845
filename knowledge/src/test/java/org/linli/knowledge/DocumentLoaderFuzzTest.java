package org.linli.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of broken policy files (mutations of a good one and random text) never make the
 * loader throw: each is either loaded or reported as a problem with its file and line. Seeded, so
 * a failure is reproducible; the seed is in the assertion message.
 */
class DocumentLoaderFuzzTest {

  static final long SEED = 20261123L;
  static final int CASES = 3000;

  /** Characters that matter to YAML, Markdown and the loader, and some that matter to no one. */
  static final String INTERESTING =
      "-:#[]{}!&*|>'\"%@`,?\n\t \\\u0000\u0001\u001b\u00a0\u200f\u202e\ufeff\ud83d\ude00\ud800高龄津贴ab12";

  static String mutate(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + random.nextInt(8);
    for (int i = 0; i < edits; i++) {
      int at = s.isEmpty() ? 0 : random.nextInt(s.length());
      switch (random.nextInt(5)) {
        case 0 -> s.insert(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
        case 1 -> { if (!s.isEmpty()) s.deleteCharAt(at); }
        case 2 -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(40))));
        case 3 -> { if (!s.isEmpty()) s.setCharAt(at, (char) random.nextInt(0x3000)); }
        default -> s.setLength(random.nextInt(s.length() + 1));
      }
    }
    return s.toString();
  }

  static String randomText(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(300);
    for (int i = 0; i < n; i++) {
      s.append(random.nextBoolean()
          ? INTERESTING.charAt(random.nextInt(INTERESTING.length()))
          : (char) random.nextInt(0xFFFF));
    }
    return s.toString();
  }

  @Test
  void brokenPolicyFilesAreReportedNeverThrown() {
    Random random = new Random(SEED);
    String good = DocumentLoaderTest.GOOD;
    for (int i = 0; i < CASES; i++) {
      String content = i % 4 == 0 ? randomText(random) : mutate(good, random);
      LoadedDocuments loaded;
      try {
        loaded = DocumentLoader.load(List.of(new SourceText("fuzz-" + i + ".md", content)));
      } catch (RuntimeException e) {
        throw new AssertionError("case " + i + " (seed " + SEED + ") threw " + e + " for: " + content, e);
      }
      assertThat(loaded.documents().size() + loaded.problems().size())
          .as("case %d: every file is either loaded or reported", i)
          .isEqualTo(1);
      loaded.problems().forEach(p -> assertThat(p.line()).isGreaterThanOrEqualTo(0));
    }
  }
}
