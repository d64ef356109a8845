package org.linli.dialog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Problem categories of reports (lift, water leak, noise, ...) with their default priority, and
 * the words that point to them, from the editable {@code report-categories.tsv}. The application's
 * routing table maps a category to the department that owns it.
 */
final class ReportCategories {

  /** A category: stable code, priority (0 highest), and the words that point to it. */
  record Category(String code, int priority, List<String> words) {}

  private final List<Category> categories;
  private final Category fallback;

  private ReportCategories(List<Category> categories, Category fallback) {
    this.categories = categories;
    this.fallback = fallback;
  }

  static ReportCategories bundled() {
    return Holder.BUNDLED;
  }

  /** The first category one of whose words occurs in {@code text}; "other" when none does. */
  Category classify(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    for (Category c : categories) {
      for (String w : c.words()) {
        if (t.contains(w)) {
          return c;
        }
      }
    }
    return fallback;
  }

  private static final class Holder {
    static final ReportCategories BUNDLED = load("report-categories.tsv");
  }

  static ReportCategories load(String resource) {
    List<Category> list = new ArrayList<>();
    Category fallback = new Category("other", 3, List.of());
    try (InputStream in = ReportCategories.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length < 2) {
          throw new IllegalStateException(resource + ":" + n + ": expected code<TAB>priority<TAB>words");
        }
        List<String> words =
            cols.length < 3
                ? List.of()
                : List.of(cols[2].toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        Category c = new Category(cols[0].strip(), Integer.parseInt(cols[1].strip()), words);
        if (c.code().equals("other")) {
          fallback = c;
        } else {
          list.add(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ReportCategories(List.copyOf(list), fallback);
  }
}
