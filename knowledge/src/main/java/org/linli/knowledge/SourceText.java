package org.linli.knowledge;

import java.util.Objects;

/**
 * One policy file's name and UTF-8 content, as handed to {@link DocumentLoader#load}. The file
 * name appears in problem reports, so pass what a knowledge manager would recognise.
 */
public record SourceText(String fileName, String content) {
  public SourceText {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
  }
}
