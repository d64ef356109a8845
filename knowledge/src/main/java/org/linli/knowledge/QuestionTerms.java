package org.linli.knowledge;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.linli.knowledge.analysis.LinliAnalyzers;

/**
 * A question's terms of each kind, analysed once and used for coverage and snippets.
 *
 * @param synonymWords the question's words with the domain synonyms added, for marking snippets
 */
record QuestionTerms(Map<TermKind, Set<String>> byKind, Set<String> synonymWords) {

  /** The terms of {@code question}, reusing the analyses its query already made. */
  static QuestionTerms of(AnalyzedQuestion question, Lang lang) {
    Map<TermKind, Set<String>> map = new EnumMap<>(TermKind.class);
    for (TermKind kind : TermKind.of(lang)) {
      map.put(kind, question.tokens(kind.analyzer()).terms());
    }
    Analyzer expanding = lang == Lang.EN ? LinliAnalyzers.englishQuery() : LinliAnalyzers.chineseQuery();
    return new QuestionTerms(map, question.tokens(expanding).terms());
  }

  Set<String> terms(TermKind kind) {
    return byKind.getOrDefault(kind, Set.of());
  }

  /** Terms to mark in a snippet: for words, including their synonyms. */
  Set<String> highlightTerms(TermKind kind) {
    if (kind != TermKind.ZH_WORD && kind != TermKind.EN_WORD) {
      return terms(kind);
    }
    Set<String> all = new LinkedHashSet<>(terms(kind));
    all.addAll(synonymWords);
    return all;
  }
}
