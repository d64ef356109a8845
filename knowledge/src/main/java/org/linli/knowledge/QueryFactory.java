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

  private record WeightedField(String name, float defaultBoost) {
    float boost() {
      return Float.parseFloat(System.getProperty("linli.boost." + name, Float.toString(defaultBoost))); // TUNING
    }
  }

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

  /** The channels of a question; an empty list when nothing in it can be searched. */
  record Channels(Query words, Query fallback) {
    Query combined() {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      if (words != null) {
        b.add(words, BooleanClause.Occur.SHOULD);
      }
      if (fallback != null) {
        b.add(fallback, BooleanClause.Occur.SHOULD);
      }
      return b.build();
    }

    boolean isEmpty() {
      return words == null && fallback == null;
    }
  }

  static Channels channels(String question, Lang lang) {
    if (lang == Lang.EN) {
      return new Channels(disjunction(question, EN_WORDS), null);
    }
    return new Channels(disjunction(question, ZH_WORDS), disjunction(question, ZH_FALLBACK));
  }

  private static Query disjunction(String question, List<WeightedField> fields) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    for (WeightedField f : fields) {
      Query q = new QueryBuilder(Fields.queryAnalyzer(f.name())).createBooleanQuery(f.name(), question);
      if (q != null) {
        b.add(new BoostQuery(q, f.boost()), BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? null : b.build();
  }
}
