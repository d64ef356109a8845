package org.linli.accessibility;

import java.util.Objects;

/**
 * One option offered to the resident: what they see or hear ({@code label}) and what comes back to
 * the dialogue when they choose it ({@code value}).
 */
public record Choice(String label, String value) {
  public Choice {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(value, "value");
  }
}
