package org.linli.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.linli.knowledge.analysis.LinliAnalyzers;

/**
 * The kinds of evidence a question can share with a document, used to measure how much of a
 * question a document covers (see {@link Confidence}).
 */
enum TermKind {
  ZH_WORD,
  ZH_PAIR,
  ZH_PINYIN,
  EN_WORD;

  Analyzer analyzer() {
    return switch (this) {
      case ZH_WORD -> LinliAnalyzers.chineseIndex();
      case ZH_PAIR -> LinliAnalyzers.characterPairs();
      case ZH_PINYIN -> LinliAnalyzers.pinyinPairs();
      case EN_WORD -> LinliAnalyzers.englishIndex();
    };
  }

  /** The passage body field whose terms of this kind mark snippets, or null (pinyin is never marked). */
  String bodyField() {
    return switch (this) {
      case ZH_WORD -> Fields.ZH_BODY;
      case ZH_PAIR -> Fields.PAIR_BODY;
      case ZH_PINYIN -> null; // a pinyin match marks characters the resident did not write
      case EN_WORD -> Fields.EN_BODY;
    };
  }

  static TermKind[] of(Lang lang) {
    return lang == Lang.EN ? new TermKind[] {EN_WORD} : new TermKind[] {ZH_WORD, ZH_PAIR, ZH_PINYIN};
  }

  /** The distinct terms of {@code text}, in order of appearance. */
  Set<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer().tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory text: cannot happen
    }
    return terms;
  }
}
