package org.linli.accessibility;

import java.util.Objects;

/** The policy document an answer comes from, cited to the resident by its title. */
public record SourceRef(String docId, String title) {
  public SourceRef {
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(title, "title");
  }
}
