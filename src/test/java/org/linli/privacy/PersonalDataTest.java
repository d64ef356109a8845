package org.linli.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Texts sealed with the data key come back whole, from any number of requests at once. */
class PersonalDataTest {

  private final PersonalData data = new PersonalData("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void manyRequestsAtOnceEachGetTheirOwnTextBack() throws Exception {
    try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        String text = "幸福小区" + i + "栋，身体不好 " + "😀".repeat(i % 5);
        results.add(requests.submit(() -> data.decrypt(data.encrypt(text)).equals(text) ? "ok" : text));
      }
      for (Future<String> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo("ok");
      }
    }
  }

  @Test
  void theSameTextIsSealedDifferentlyEachTimeAndNeverReadable() {
    String a = data.encrypt("建设路12号");
    String b = data.encrypt("建设路12号");

    assertThat(a).isNotEqualTo(b).doesNotContain("建设路");
    assertThat(data.read(a, null)).isEqualTo("建设路12号");
    assertThat(data.read(null, "旧的明文")).isEqualTo("旧的明文");
  }

  @Test
  void aTextSealedWithAnotherKeyIsRefusedClearlyAndTheNextOneStillWorks() {
    String foreign = new PersonalData(new byte[32]).encrypt("建设路12号");

    assertThatThrownBy(() -> data.decrypt(foreign)).hasMessageContaining("wrong LINLI_DATA_KEY");
    assertThat(data.decrypt(data.encrypt("低保怎么申请"))).isEqualTo("低保怎么申请");
  }
}
