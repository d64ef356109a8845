package org.linli.dialog.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import org.linli.knowledge.analysis.ResidentText;

/**
 * Classifies a message into one of the twelve intents of {@link #LABELS}.
 *
 * <p>Three layers, in order:
 *
 * <ol>
 *   <li>key presses: "0" is a person, "*" repeat, "#" slower, and a lone 1-9 is returned as a
 *       {@link Intent#DIGIT} choice for the policy to interpret;
 *   <li>the emergency rule: a keyword list ({@code emergency-keywords.txt}) that forces
 *       {@code emergency} whatever the model says, because missing an emergency is the worst error
 *       this module can make and a false alarm costs one question;
 *   <li>an OpenNLP maximum-entropy document categoriser over segmented words
 *       ({@link ResidentText#segment}, the same words the knowledge base sees) and character
 *       n-grams, trained from {@code train.tsv}. If the model gives {@code emergency} at least
 *       {@value #EMERGENCY_FLOOR} it wins even when another label is ahead.
 * </ol>
 *
 * <p>Training is deterministic (file order, fixed parameters, one thread) and takes well under a
 * second; the model is trained once per JVM and can be cached on disk under a name derived from the
 * SHA-256 of the training data and the feature version.
 *
 * <p>Thread-safe: OpenNLP's categoriser is not, so each thread gets its own.
 */
public final class IntentClassifier {

  /** The stable label set; tools outside the project depend on these names. */
  public static final List<String> LABELS =
      List.of(
          "greet", "goodbye", "thanks", "affirm", "deny", "ask_policy", "report_issue",
          "check_status", "request_human", "repeat", "slower", "emergency");

  /** The bundled training data, on the classpath. */
  public static final String TRAINING_RESOURCE = "/org/linli/dialog/intents/train.tsv";

  /** System property naming a directory where trained models are cached between runs. */
  public static final String CACHE_DIR_PROPERTY = "linli.dialog.model-cache";

  // Recall before precision: a false alarm costs the resident one question, a miss can cost a life.
  static final double EMERGENCY_FLOOR = 0.30;

  // Bump when features or parameters change, so that a cached model is not reused.
  private static final String FEATURE_VERSION = "words1-2+chars1-3+short/v1";
  private static final int ITERATIONS = 300;

  private static final class Bundled {
    static final IntentClassifier INSTANCE = loadBundled();
  }

  private final DoccatModel model;
  private final EmergencyRule emergencyRule;
  private final ThreadLocal<DocumentCategorizerME> categorizer;

  private IntentClassifier(DoccatModel model, EmergencyRule emergencyRule) {
    this.model = model;
    this.emergencyRule = emergencyRule;
    this.categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(this.model));
  }

  /**
   * The classifier trained from the bundled {@code train.tsv}, once per JVM (cached on disk when
   * the system property {@value #CACHE_DIR_PROPERTY} names a directory).
   */
  public static IntentClassifier bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * Trains from a TSV file ({@code utterance<TAB>intent}, '#' comments and blank lines ignored),
   * reusing a model cached in {@code cacheDir} (may be null) for exactly the same data.
   *
   * @throws IllegalArgumentException naming the line when a label is not one of {@link #LABELS}
   */
  public static IntentClassifier train(Path trainingTsv, Path cacheDir) throws IOException {
    return train(Files.readAllBytes(trainingTsv), cacheDir);
  }

  private static IntentClassifier loadBundled() {
    try (InputStream in = IntentClassifier.class.getResourceAsStream(TRAINING_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(TRAINING_RESOURCE + " is missing from the classpath");
      }
      String dir = System.getProperty(CACHE_DIR_PROPERTY);
      return train(in.readAllBytes(), dir == null || dir.isBlank() ? null : Path.of(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot train the intent model", e);
    }
  }

  static IntentClassifier train(byte[] tsv, Path cacheDir) throws IOException {
    EmergencyRule rule = EmergencyRule.bundled();
    if (cacheDir != null) {
      Path cached = cacheDir.resolve("intents-" + fingerprint(tsv) + ".bin");
      if (Files.isRegularFile(cached)) {
        try {
          return new IntentClassifier(new DoccatModel(cached), rule);
        } catch (IOException | RuntimeException unreadable) {
          // A damaged cache entry is retrained and overwritten below.
        }
      }
      DoccatModel model = trainModel(TrainingData.parse(tsv));
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, "intents-", ".tmp");
      model.serialize(tmp);
      Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new IntentClassifier(model, rule);
    }
    return new IntentClassifier(trainModel(TrainingData.parse(tsv)), rule);
  }

  private static DoccatModel trainModel(List<TrainingData.Example> examples) throws IOException {
    List<DocumentSample> samples = new ArrayList<>(examples.size());
    for (TrainingData.Example example : examples) {
      samples.add(new DocumentSample(example.label(), tokens(TextNormalizer.normalize(example.text()))));
    }
    TrainingParameters params = new TrainingParameters();
    // GIS maximum entropy: on this data it beat L-BFGS with L2, naive Bayes and the perceptron
    // (see docs/dialogue.md), and it is deterministic.
    params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
    params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
    // The default cutoff of 5 would drop almost every feature of a few hundred short examples.
    params.put(TrainingParameters.CUTOFF_PARAM, 1);
    params.put(TrainingParameters.THREADS_PARAM, 1);
    DoccatFactory factory =
        new DoccatFactory(new FeatureGenerator[] {new WordNgramFeatures(), new CharNgramFeatures()});
    return DocumentCategorizerME.train("zh", new CollectionObjectStream<>(samples), params, factory);
  }

  static String[] tokens(String normalized) {
    return ResidentText.segment(normalized).toArray(String[]::new);
  }

  private static String fingerprint(byte[] tsv) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(tsv);
      sha.update(FEATURE_VERSION.getBytes(StandardCharsets.UTF_8));
      sha.update(Integer.toString(ITERATIONS).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Classifies any message; it is normalised first with {@link TextNormalizer}. */
  public Intent classify(String text) {
    return classifyNormalized(TextNormalizer.normalize(text));
  }

  /** Classifies a message already passed through {@link TextNormalizer#normalize}. */
  Intent classifyNormalized(String normalized) {
    String s = normalized == null ? "" : normalized.strip();
    if (s.isEmpty()) {
      return new Intent(Intent.NONE, 0, Map.of(), OptionalInt.empty(), Intent.Source.KEY);
    }
    Intent key = KeyPress.interpret(s);
    if (key != null) {
      return key;
    }
    Map<String, Double> scores = scores(s);
    if (emergencyRule.matches(s)) {
      return new Intent("emergency", 1.0, scores, OptionalInt.empty(), Intent.Source.RULE);
    }
    String best = null;
    double bestScore = -1;
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      if (e.getValue() > bestScore) {
        best = e.getKey();
        bestScore = e.getValue();
      }
    }
    double emergency = scores.getOrDefault("emergency", 0.0);
    if (emergency >= EMERGENCY_FLOOR) {
      return new Intent("emergency", emergency, scores, OptionalInt.empty(), Intent.Source.MODEL);
    }
    return new Intent(best, bestScore, scores, OptionalInt.empty(), Intent.Source.MODEL);
  }

  private Map<String, Double> scores(String normalized) {
    DocumentCategorizerME me = categorizer.get();
    double[] outcomes = me.categorize(tokens(normalized));
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String label : LABELS) {
      int index = me.getIndex(label);
      scores.put(label, index < 0 ? 0.0 : outcomes[index]);
    }
    return scores;
  }
}
