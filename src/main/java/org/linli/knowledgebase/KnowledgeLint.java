package org.linli.knowledgebase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.linli.accessibility.Lang;
import org.linli.accessibility.readability.ReadabilityChecker;
import org.linli.accessibility.readability.ReadabilityIssue;
import org.linli.knowledge.DocumentProblem;
import org.linli.knowledge.LoadedDocuments;
import org.linli.knowledge.PolicyDocument;

/**
 * {@code kb lint}: the accessibility module's readability rules over every passage of a knowledge
 * folder, plus the format problems of documents that did not load. Terms that the synonym list or
 * a document's own synonyms and tags explain are not flagged as jargon.
 */
final class KnowledgeLint {

  static final String SYNONYMS_ZH = "/org/linli/knowledge/analysis/synonyms-zh.txt";
  static final String SYNONYMS_EN = "/org/linli/knowledge/analysis/synonyms-en.txt";

  /** One finding, printed as {@code file:line: [rule] message}. */
  record Finding(String file, int line, String rule, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": [" + rule + "] " + message;
    }
  }

  static List<Finding> lint(LoadedDocuments loaded, Lang messages) {
    List<Finding> findings = new ArrayList<>();
    for (DocumentProblem p : loaded.problems()) {
      findings.add(new Finding(p.file(), p.line(), "format", p.message()));
    }
    Set<String> zhTerms = synonymTerms(SYNONYMS_ZH);
    Set<String> enTerms = synonymTerms(SYNONYMS_EN);
    ReadabilityChecker checker = new ReadabilityChecker(messages);
    for (PolicyDocument doc : loaded.documents()) {
      boolean zh = doc.lang() == org.linli.knowledge.Lang.ZH;
      Set<String> explained = new HashSet<>(zh ? zhTerms : enTerms);
      explained.addAll(doc.synonyms());
      explained.addAll(doc.tags());
      List<ReadabilityChecker.Section> sections = new ArrayList<>();
      for (PolicyDocument.Section s : doc.sections()) {
        // text starts on the line after its heading
        sections.add(new ReadabilityChecker.Section(s.heading(), s.text(), s.line() + 1));
      }
      for (ReadabilityIssue issue :
          checker.checkSections(doc.fileName(), sections, zh ? Lang.ZH : Lang.EN, explained)) {
        findings.add(
            new Finding(issue.file(), issue.line(), issue.rule().code(), issue.message()));
      }
    }
    return findings;
  }

  /** Every term of the knowledge module's synonym list (both sides of {@code a => b}). */
  static Set<String> synonymTerms(String resource) {
    Set<String> terms = new HashSet<>();
    try (InputStream in = KnowledgeLint.class.getResourceAsStream(resource)) {
      if (in == null) {
        return terms;
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        for (String term : l.split("=>|,")) {
          if (!term.isBlank()) {
            terms.add(term.strip());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private KnowledgeLint() {}
}
