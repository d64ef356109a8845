package org.linli.channels.twilio;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.Lang;
import org.linli.knowledge.PolicyDocument;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Phrases the speech recogniser should expect ({@code <Gather hints>}): the menu words, then the
 * Chinese knowledge-base titles and their synonyms, so "高龄津贴" is not heard as a homophone.
 * Read from the live knowledge base on each call, so a reloaded knowledge base is reflected.
 */
final class SpeechHints {

  private static final List<String> MENU = List.of("问政策", "报事情", "查进度", "人工", "转人工", "工单");
  private static final int MAX_PHRASE = 50;

  private final ObjectProvider<KnowledgeBase> knowledge;

  SpeechHints(ObjectProvider<KnowledgeBase> knowledge) {
    this.knowledge = knowledge;
  }

  /** At most {@code max} phrases, comma-separated (commas inside a phrase are dropped). */
  String hints(int max) {
    Set<String> phrases = new LinkedHashSet<>(MENU);
    KnowledgeBase kb = knowledge.getIfAvailable();
    if (kb != null) {
      for (PolicyDocument d : kb.documents()) {
        if (d.lang() == Lang.ZH) {
          phrases.add(clean(d.title()));
        }
      }
      for (PolicyDocument d : kb.documents()) {
        if (d.lang() == Lang.ZH) {
          d.synonyms().forEach(s -> phrases.add(clean(s)));
        }
      }
    }
    return String.join(",", phrases.stream().filter(p -> !p.isEmpty()).limit(max).toList());
  }

  private static String clean(String phrase) {
    String p = phrase.replaceAll("[,，、]", " ").strip();
    return p.length() > MAX_PHRASE ? p.substring(0, MAX_PHRASE) : p;
  }
}
