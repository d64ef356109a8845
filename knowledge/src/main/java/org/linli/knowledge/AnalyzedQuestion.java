package org.linli.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * One question, analysed at most once per analyzer: the query's fields that share an analyzer,
 * and the question's terms for confidence and snippets, all read the same recorded analysis
 * instead of segmenting the question again for each (seven analyses of a Chinese question became
 * four). Not thread-safe: it lives for one search.
 */
final class AnalyzedQuestion {

  private final String text;
  private final Map<Analyzer, Tokens> byAnalyzer = new IdentityHashMap<>(8);

  AnalyzedQuestion(String text) {
    this.text = text;
  }

  /** The question's tokens under {@code analyzer}, analysed on first use. */
  Tokens tokens(Analyzer analyzer) {
    return byAnalyzer.computeIfAbsent(analyzer, a -> Tokens.of(a, text));
  }

  /**
   * The tokens of one analysis with every attribute as the analyzer set it (terms, position
   * increments and lengths of synonym graphs, offsets...), so that a replay is indistinguishable
   * from analysing again.
   */
  static final class Tokens {

    private final AttributeSource attributes;
    private final List<AttributeSource.State> states;
    private final AttributeSource.State end;
    private final Set<String> terms;

    private Tokens(
        AttributeSource attributes,
        List<AttributeSource.State> states,
        AttributeSource.State end,
        Set<String> terms) {
      this.attributes = attributes;
      this.states = states;
      this.end = end;
      this.terms = terms;
    }

    static Tokens of(Analyzer analyzer, String text) {
      List<AttributeSource.State> states = new ArrayList<>();
      Set<String> terms = new LinkedHashSet<>();
      try (TokenStream ts = analyzer.tokenStream("", text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          states.add(ts.captureState());
          terms.add(term.toString());
        }
        ts.end();
        // A copy: the analyzer reuses its own attributes for the next text it analyses.
        return new Tokens(
            ts.cloneAttributes(), states, ts.captureState(), Collections.unmodifiableSet(terms));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // in-memory text: cannot happen
      }
    }

    /** The distinct terms, in order of appearance. */
    Set<String> terms() {
      return terms;
    }

    /** A fresh token stream that replays the analysis (for Lucene's QueryBuilder). */
    TokenStream replay() {
      return new Replay(attributes.cloneAttributes(), states, end);
    }
  }

  private static final class Replay extends TokenStream {

    private final List<AttributeSource.State> states;
    private final AttributeSource.State end;
    private int next;

    Replay(AttributeSource attributes, List<AttributeSource.State> states, AttributeSource.State end) {
      super(attributes);
      this.states = states;
      this.end = end;
    }

    @Override
    public boolean incrementToken() {
      if (next == states.size()) {
        return false;
      }
      restoreState(states.get(next++));
      return true;
    }

    @Override
    public void end() {
      restoreState(end);
    }

    @Override
    public void reset() {
      next = 0;
    }
  }
}
