package org.linli.knowledge;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.linli.knowledge.analysis.LinliAnalyzers;

/**
 * The fields of one indexed passage. Every passage also carries its document's title, tags and
 * synonyms, so that a section like "要带什么材料" is found by the name of the policy it belongs to.
 */
final class Fields {

  static final String DOC_ID = "docId";
  static final String SECTION = "section";
  static final String EXPIRES_DAY = "expiresDay";

  // Chinese: words (segmented), pairs of characters (typos, unknown words), pairs of pinyin
  // syllables (homophones). "meta" is the document's title, tags and synonyms.
  static final String ZH_TITLE = "zh_title";
  static final String ZH_META = "zh_meta";
  static final String ZH_BODY = "zh_body";
  static final String PAIR_META = "pair_meta";
  static final String PAIR_BODY = "pair_body";
  static final String PINYIN_META = "py_meta";
  static final String PINYIN_BODY = "py_body";

  static final String EN_TITLE = "en_title";
  static final String EN_META = "en_meta";
  static final String EN_BODY = "en_body";

  private Fields() {}

  /** Index-side analysis per field; questions use {@link #queryAnalyzer(String)}. */
  static Analyzer indexAnalyzer() {
    return new PerFieldAnalyzerWrapper(
        LinliAnalyzers.chineseIndex(),
        Map.of(
            EN_TITLE, LinliAnalyzers.englishIndex(),
            EN_META, LinliAnalyzers.englishIndex(),
            EN_BODY, LinliAnalyzers.englishIndex(),
            PAIR_META, LinliAnalyzers.characterPairs(),
            PAIR_BODY, LinliAnalyzers.characterPairs(),
            PINYIN_META, LinliAnalyzers.pinyinPairs(),
            PINYIN_BODY, LinliAnalyzers.pinyinPairs()));
  }

  static Analyzer queryAnalyzer(String field) {
    return switch (field) {
      case ZH_TITLE, ZH_META, ZH_BODY -> LinliAnalyzers.chineseQuery();
      case EN_TITLE, EN_META, EN_BODY -> LinliAnalyzers.englishQuery();
      case PAIR_META, PAIR_BODY -> LinliAnalyzers.characterPairs();
      case PINYIN_META, PINYIN_BODY -> LinliAnalyzers.pinyinPairs();
      default -> throw new IllegalArgumentException(field);
    };
  }
}
