package org.linli.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.linli.knowledge.analysis.LinliAnalyzers;

/**
 * A question's terms of each kind, analysed once and used for coverage and snippets.
 *
 * @param synonymWords the question's words with the domain synonyms added, for marking snippets
 */
record QuestionTerms(Map<TermKind, Set<String>> byKind, Set<String> synonymWords) {

  static QuestionTerms of(String question, Lang lang) {
    Map<TermKind, Set<String>> map = new EnumMap<>(TermKind.class);
    for (TermKind kind : TermKind.of(lang)) {
      map.put(kind, kind.terms(question));
    }
    Analyzer expanding = lang == Lang.EN ? LinliAnalyzers.englishQuery() : LinliAnalyzers.chineseQuery();
    return new QuestionTerms(map, analyze(expanding, question));
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

  private static Set<String> analyze(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }
}
