package org.linli.knowledge;

import java.util.List;

/** What a load produced: the valid documents and the problems of the ones left out. */
public record LoadedDocuments(List<PolicyDocument> documents, List<DocumentProblem> problems) {
  public LoadedDocuments {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
  }
}
