package org.linli.dialog.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentModelIsReproducibleTest {

  private static final List<String> PROBES =
      List.of("电梯坏了", "低保怎么申请", "转人工", "再说一遍", "说慢点", "谢谢", "不对", "对对对", "工单123456", "hello");

  private static byte[] bundledTrainingData() throws Exception {
    try (InputStream in = IntentClassifier.class.getResourceAsStream(IntentClassifier.TRAINING_RESOURCE)) {
      return in.readAllBytes();
    }
  }

  @Test
  void theBundledDataUsesOnlyTheTwelveStableLabelsAndCoversAllOfThem() throws Exception {
    List<TrainingData.Example> examples = TrainingData.parse(bundledTrainingData());
    assertThat(examples).hasSizeGreaterThanOrEqualTo(700);
    assertThat(examples).extracting(TrainingData.Example::label).containsAll(IntentClassifier.LABELS);
  }

  @Test
  void anUnknownLabelInTheTrainingDataIsReportedWithItsLine() {
    byte[] tsv = "你好\tgreet\n电梯坏了\trepair\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TrainingData.parse(tsv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("repair");
  }

  @Test
  void trainingTwiceGivesTheSameProbabilities() throws Exception {
    IntentClassifier again = IntentClassifier.train(bundledTrainingData(), null);
    for (String probe : PROBES) {
      assertThat(again.classify(probe).scores()).isEqualTo(IntentClassifier.bundled().classify(probe).scores());
    }
  }

  @Test
  void aCachedModelReloadsWithItsCustomFeaturesAndPredictsTheSame(@TempDir Path cache) throws Exception {
    IntentClassifier first = IntentClassifier.train(bundledTrainingData(), cache);
    try (var files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .singleElement()
          .asString()
          .startsWith("intents-")
          .endsWith(".bin");
    }
    IntentClassifier reloaded = IntentClassifier.train(bundledTrainingData(), cache);
    for (String probe : PROBES) {
      assertThat(reloaded.classify(probe).scores()).isEqualTo(first.classify(probe).scores());
    }
  }

  @Test
  void oneClassifierServesManyThreads() throws Exception {
    IntentClassifier classifier = IntentClassifier.bundled();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String probe = PROBES.get(i % PROBES.size());
        results.add(pool.submit(() -> classifier.classify(probe).label()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get())
            .isEqualTo(classifier.classify(PROBES.get(i % PROBES.size())).label());
      }
    } finally {
      pool.shutdown();
    }
  }
}
