package org.linli.knowledge;

/**
 * Calibrated confidence that the top document answers the question: a logistic model over a few
 * features that separate right answers from wrong or out-of-scope ones.
 *
 * <p>Out-of-scope questions usually share only common words with their best match (a question
 * about 护照 meets the 身份证 document on 过期 and 换), so the strongest features measure how
 * much of the question the top document accounts for, and whether the question names the policy.
 *
 * <p>The weights were fitted by logistic regression on the development question set (label: the
 * top document is the expected one) and rounded; see docs/knowledge-base.md for how to refit.
 */
final class Confidence {

  /**
   * Answer only at or above this; below it the caller should ask again or offer a person. Above
   * one half because a wrong policy answer costs a resident more than being offered a person.
   */
  static final double ANSWER_THRESHOLD = 0.6;

  // Fitted by ConfidenceFit (src/test) on eval/dev-questions.tsv; order as in Evidence.features().
  private static final double BIAS = -11.278;
  private static final double[] WEIGHTS = {2.403, 2.804, 3.548, 1.451, 1.836, 4.766};

  private Confidence() {}

  /**
   * The features of one ranking, each about the top document.
   *
   * @param coverage idf-weighted share of the question's terms (words, character pairs or pinyin
   *     pairs, whichever is best) that the document contains
   * @param wordCoverage the same per word, where a word also counts as found through its
   *     character pairs or pinyin
   * @param nameMatch how completely the question says one of the document's names (title, tag,
   *     synonym)
   * @param margin lead of the top document's score over the next document's, relative to it
   * @param topScore the top passage's BM25 score (longer questions score higher)
   * @param english the question is searched in English (fewer documents, different statistics)
   */
  record Evidence(
      double coverage,
      double wordCoverage,
      double nameMatch,
      double margin,
      double topScore,
      boolean english) {
    double[] features() {
      return new double[] {
        coverage,
        wordCoverage,
        nameMatch,
        margin,
        Math.log1p(topScore),
        english ? 1 : 0
      };
    }
  }

  static double of(Evidence e) {
    double[] f = e.features();
    double z = BIAS;
    for (int i = 0; i < f.length; i++) {
      z += WEIGHTS[i] * f[i];
    }
    return 1 / (1 + Math.exp(-z));
  }
}
