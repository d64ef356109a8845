package org.linli.knowledge;

import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns a question into Lucene queries: one per evidence channel, each a disjunction over weighted
 * fields. The word channel carries the synonyms and most of the weight; the fallback channel
 * (character and pinyin pairs) rescues typos and homophones without dominating clean questions.
 */
final class QueryFactory {

  private record WeightedField(String name, float boost) {}

  // Title and the document's own tags and synonyms count more than a sentence that mentions a word.
  private static final List<WeightedField> ZH_WORDS =
      List.of(
          new WeightedField(Fields.ZH_TITLE, 2.0f),
          new WeightedField(Fields.ZH_META, 1.5f),
          new WeightedField(Fields.ZH_BODY, 1.0f));
  private static final List<WeightedField> ZH_FALLBACK =
      List.of(
          new WeightedField(Fields.PAIR_META, 1.5f),
          new WeightedField(Fields.PAIR_BODY, 0.5f),
          new WeightedField(Fields.PINYIN_META, 2.0f),
          new WeightedField(Fields.PINYIN_BODY, 0.7f));
  private static final List<WeightedField> EN_WORDS =
      List.of(
          new WeightedField(Fields.EN_TITLE, 3.0f),
          new WeightedField(Fields.EN_META, 2.0f),
          new WeightedField(Fields.EN_BODY, 1.0f));

  private QueryFactory() {}

  /**
   * The query for a question, or null when nothing in it can be searched (only filler words).
   * Two channels are summed: words (with synonyms) and, for Chinese, the character and pinyin
   * pair fallback.
   */
  static Query query(AnalyzedQuestion question, Lang lang) {
    if (lang == Lang.EN) {
      return disjunction(question, EN_WORDS);
    }
    Query words = disjunction(question, ZH_WORDS);
    Query fallback = disjunction(question, ZH_FALLBACK);
    if (words == null || fallback == null) {
      return words == null ? fallback : words;
    }
    return new BooleanQuery.Builder()
        .add(words, BooleanClause.Occur.SHOULD)
        .add(fallback, BooleanClause.Occur.SHOULD)
        .build();
  }

  private static Query disjunction(AnalyzedQuestion question, List<WeightedField> fields) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    for (WeightedField f : fields) {
      Query q = FieldQueries.INSTANCE.query(f.name(), question.tokens(Fields.queryAnalyzer(f.name())));
      if (q != null) {
        b.add(new BoostQuery(q, f.boost()), BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? null : b.build();
  }

  /**
   * Lucene's QueryBuilder fed with a recorded analysis instead of analysing the question for
   * every field: the very queries {@code createBooleanQuery(field, question)} builds (terms,
   * synonym graphs, SHOULD between words), from one analysis per analyzer.
   */
  private static final class FieldQueries extends QueryBuilder {

    // Settings are never changed after construction, so one instance serves every thread; the
    // analyzer given to QueryBuilder is never used, the tokens come with each call.
    static final FieldQueries INSTANCE = new FieldQueries();

    private FieldQueries() {
      super(null);
    }

    Query query(String field, AnalyzedQuestion.Tokens tokens) {
      return createFieldQuery(tokens.replay(), BooleanClause.Occur.SHOULD, field, false, 0);
    }
  }
}
