package org.linli.knowledge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refits the weights of {@link Confidence} on a question set (a tool, not a test): logistic
 * regression of "the top document is the expected one" on the confidence features. Run from the
 * module folder after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.linli.knowledge.ConfidenceFit \
 *     src/main/resources/linli/kb eval/dev-questions.tsv
 * </pre>
 *
 * and copy the printed weights into {@link Confidence}.
 */
public final class ConfidenceFit {

  private ConfidenceFit() {}

  public static void main(String[] args) throws Exception {
    LoadedDocuments docs = DocumentLoader.loadDirectory(Path.of(args[0]));
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    List<Boolean> inScope = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    try (KnowledgeBase kb = KnowledgeBase.build(docs, Clock.systemDefaultZone())) {
      for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        PassageIndex.Explained e = kb.explain(cols[0], KnowledgeBase.languageOf(cols[0]));
        boolean in = !cols[1].equals("-");
        double[] f = e == null ? new double[6] : e.evidence().features();
        x.add(f);
        y.add(in && e != null && e.topDocId().equals(cols[1]) ? 1 : 0);
        inScope.add(in);
        labels.add(cols[1] + " " + cols[0]);
      }
    }
    int d = x.getFirst().length;
    double[] w = fit(x, y, d);
    if (args.length > 2) {
      for (int i = 0; i < x.size(); i++) {
        System.out.printf(
            Locale.ROOT, "%d p=%.2f %s %s%n", y.get(i), predict(w, x.get(i)), fmt(x.get(i)), labels.get(i));
      }
    }
    crossValidate(x, y, inScope, d);
    System.out.println("bias and weights (in the order of Confidence.Evidence.features()): " + fmt(w));
    for (double t = 0.2; t <= 0.81; t += 0.05) {
      int answered = 0, in = 0, abstained = 0, out = 0, wrong = 0;
      for (int i = 0; i < x.size(); i++) {
        boolean ans = predict(w, x.get(i)) >= t;
        if (inScope.get(i)) {
          in++;
          if (ans) {
            answered++;
            if (y.get(i) == 0) {
              wrong++;
            }
          }
        } else {
          out++;
          if (!ans) {
            abstained++;
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "threshold %.2f: in-scope answered %.3f (wrong %d), out-of-scope abstained %.3f%n",
          t, answered / (double) in, wrong, abstained / (double) out);
    }
  }

  /**
   * Five-fold cross-validation at the production threshold: the answer rates to expect on
   * questions the weights were not fitted on.
   */
  private static void crossValidate(List<double[]> x, List<Integer> y, List<Boolean> inScope, int d) {
    int folds = 5;
    int answered = 0, in = 0, abstained = 0, out = 0, wrong = 0;
    for (int k = 0; k < folds; k++) {
      List<double[]> tx = new ArrayList<>();
      List<Integer> ty = new ArrayList<>();
      for (int i = 0; i < x.size(); i++) {
        if (i % folds != k) {
          tx.add(x.get(i));
          ty.add(y.get(i));
        }
      }
      double[] w = fit(tx, ty, d);
      for (int i = k; i < x.size(); i += folds) {
        boolean ans = predict(w, x.get(i)) >= Confidence.ANSWER_THRESHOLD;
        if (inScope.get(i)) {
          in++;
          answered += ans ? 1 : 0;
          wrong += ans && y.get(i) == 0 ? 1 : 0;
        } else {
          out++;
          abstained += ans ? 0 : 1;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "5-fold cross-validation at %.2f: in-scope answered %.3f (wrong %d), out-of-scope abstained %.3f%n",
        Confidence.ANSWER_THRESHOLD, answered / (double) in, wrong, abstained / (double) out);
  }

  /** Newton's method on the L2-regularised log-likelihood: exact and fast for a few features. */
  private static double[] fit(List<double[]> x, List<Integer> y, int d) {
    int p = d + 1;
    double[] w = new double[p];
    double l2 = 0.01;
    for (int iter = 0; iter < 50; iter++) {
      double[] g = new double[p];
      double[][] h = new double[p][p];
      for (int i = 0; i < x.size(); i++) {
        double[] xi = withBias(x.get(i));
        double pr = predict(w, x.get(i));
        for (int a = 0; a < p; a++) {
          g[a] += (pr - y.get(i)) * xi[a];
          for (int b = 0; b < p; b++) {
            h[a][b] += pr * (1 - pr) * xi[a] * xi[b];
          }
        }
      }
      for (int a = 1; a < p; a++) {
        g[a] += l2 * w[a];
        h[a][a] += l2;
      }
      double[] step = solve(h, g);
      for (int a = 0; a < p; a++) {
        w[a] -= step[a];
      }
    }
    return w;
  }

  private static double[] withBias(double[] f) {
    double[] xi = new double[f.length + 1];
    xi[0] = 1;
    System.arraycopy(f, 0, xi, 1, f.length);
    return xi;
  }

  /** Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
          piv = r;
        }
      }
      double[] t = m[c];
      m[c] = m[piv];
      m[piv] = t;
      for (int r = 0; r < n; r++) {
        if (r != c && m[c][c] != 0) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= n; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = m[i][i] == 0 ? 0 : m[i][n] / m[i][i];
    }
    return out;
  }

  private static double predict(double[] w, double[] f) {
    double z = w[0];
    for (int j = 0; j < f.length; j++) {
      z += w[j + 1] * f[j];
    }
    return 1 / (1 + Math.exp(-z));
  }

  private static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (double d : v) {
      sb.append(String.format(Locale.ROOT, "%.3f ", d));
    }
    return sb.toString().strip();
  }
}
