package org.linli.knowledge.eval;

import java.util.List;

/**
 * The evaluation numbers over a group of questions. Ranking metrics (recall@k, MRR) count
 * in-scope questions only, whether or not the engine would answer; the answer metrics say how
 * often it answers in-scope questions and abstains on out-of-scope ones.
 */
final class Metrics {

  private int inScope;
  private int outOfScope;
  private int hitAt1;
  private int hitAt3;
  private double reciprocalRanks;
  private int answered;
  private int answeredWrong;
  private int abstained;

  /** @return the 1-based rank of the expected document, 0 when absent or out of scope */
  int add(QuestionSet.Question q, List<String> ranked, boolean answerable) {
    if (!q.inScope()) {
      outOfScope++;
      if (!answerable) {
        abstained++;
      }
      return 0;
    }
    inScope++;
    int rank = ranked.indexOf(q.expected()) + 1;
    if (rank == 1) {
      hitAt1++;
    }
    if (rank >= 1 && rank <= 3) {
      hitAt3++;
    }
    if (rank >= 1) {
      reciprocalRanks += 1.0 / rank;
    }
    if (answerable) {
      answered++;
      if (rank != 1) {
        answeredWrong++;
      }
    }
    return rank;
  }

  int inScope() {
    return inScope;
  }

  int outOfScope() {
    return outOfScope;
  }

  double recallAt1() {
    return ratio(hitAt1, inScope);
  }

  double recallAt3() {
    return ratio(hitAt3, inScope);
  }

  double mrr() {
    return ratio(reciprocalRanks, inScope);
  }

  double inScopeAnswered() {
    return ratio(answered, inScope);
  }

  /** Share of in-scope questions answered with the wrong document: the harmful case. */
  double inScopeAnsweredWrong() {
    return ratio(answeredWrong, inScope);
  }

  double outOfScopeAbstained() {
    return ratio(abstained, outOfScope);
  }

  private static double ratio(double n, int d) {
    return d == 0 ? Double.NaN : n / d;
  }

  JsonObject toJson() {
    return writeTo(new JsonObject());
  }

  /** Adds these numbers to {@code o}; rates of an empty group are left out. */
  JsonObject writeTo(JsonObject o) {
    o.put("in_scope", inScope).put("out_of_scope", outOfScope);
    if (inScope > 0) {
      o.put("recall@1", recallAt1())
          .put("recall@3", recallAt3())
          .put("mrr", mrr())
          .put("in_scope_answered", inScopeAnswered())
          .put("in_scope_answered_wrong", inScopeAnsweredWrong());
    }
    if (outOfScope > 0) {
      o.put("out_of_scope_abstained", outOfScopeAbstained());
    }
    return o;
  }
}
