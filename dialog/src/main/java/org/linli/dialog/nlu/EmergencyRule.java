package org.linli.dialog.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * High-recall emergency keywords (fire, gas, falls, chest pain, violence, self-harm), read from
 * {@code emergency-keywords.txt}: one keyword a line, '#' comments. Chinese keywords match anywhere
 * (spaces ignored, since speech transcripts split words); English ones match whole words only, so
 * that "fire in" matches "a fire in the kitchen" but not "fire insurance". Lines starting with '!'
 * name look-alike phrases (打不着火, a heater that will not light) blanked out before matching.
 */
final class EmergencyRule {

  static final String RESOURCE = "/org/linli/dialog/intents/emergency-keywords.txt";

  private final List<String> chinese;
  private final List<String> lookAlikes;
  private final Pattern english;

  private static final class Holder {
    static final EmergencyRule BUNDLED = load();
  }

  EmergencyRule(List<String> keywords) {
    List<String> zh = new ArrayList<>();
    List<String> en = new ArrayList<>();
    List<String> not = new ArrayList<>();
    for (String keyword : keywords) {
      if (keyword.startsWith("!")) {
        not.add(TextNormalizer.normalize(keyword.substring(1)).replace(" ", ""));
        continue;
      }
      String k = TextNormalizer.normalize(keyword);
      if (k.isEmpty()) {
        continue;
      }
      if (k.chars().anyMatch(c -> c >= 'a' && c <= 'z')) {
        en.add(Pattern.quote(k).replace(" ", "\\E\\s+\\Q"));
      } else {
        zh.add(k.replace(" ", ""));
      }
    }
    this.chinese = List.copyOf(zh);
    this.lookAlikes = List.copyOf(not);
    this.english =
        en.isEmpty() ? null : Pattern.compile("(?<![a-z])(?:" + String.join("|", en) + ")(?![a-z])");
  }

  static EmergencyRule bundled() {
    return Holder.BUNDLED;
  }

  private static EmergencyRule load() {
    try (InputStream in = EmergencyRule.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      List<String> keywords = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
        String k = line.strip();
        if (!k.isEmpty() && !k.startsWith("#")) {
          keywords.add(k);
        }
      }
      return new EmergencyRule(keywords);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when a normalised message contains an emergency keyword. */
  boolean matches(String normalized) {
    String compact = normalized.replace(" ", "");
    for (String l : lookAlikes) {
      compact = compact.replace(l, "\u0000");
    }
    for (String k : chinese) {
      if (compact.contains(k)) {
        return true;
      }
    }
    return english != null && english.matcher(normalized).find();
  }
}
