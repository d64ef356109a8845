package org.linli.knowledge;

/** A document that breaks the format, reported with its file and 1-based line, and left out. */
public record DocumentProblem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
