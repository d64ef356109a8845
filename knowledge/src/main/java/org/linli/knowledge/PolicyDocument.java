package org.linli.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One policy document as written by a knowledge manager: front matter plus {@code ##} sections.
 *
 * @param fileName the file it was read from, for error messages and lint reports
 */
public record PolicyDocument(
    String id,
    String title,
    String department,
    String category,
    List<String> tags,
    List<String> synonyms,
    LocalDate effective,
    LocalDate expires,
    Lang lang,
    String source,
    List<Section> sections,
    String fileName) {

  public PolicyDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(lang, "lang");
    tags = List.copyOf(tags == null ? List.of() : tags);
    synonyms = List.copyOf(synonyms == null ? List.of() : synonyms);
    sections = List.copyOf(sections == null ? List.of() : sections);
  }

  /** True when the document must not be used on {@code day}: it expired before that day. */
  public boolean expiredOn(LocalDate day) {
    return expires != null && day.isAfter(expires);
  }

  /** True when the document is not in force yet on {@code day}. */
  public boolean notYetEffectiveOn(LocalDate day) {
    return effective != null && day.isBefore(effective);
  }

  /**
   * One {@code ##} section: a passage.
   *
   * @param line the 1-based line of the heading in the file
   */
  public record Section(String heading, String text, int line) {}
}
