package org.linli.knowledge;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.linli.knowledge.analysis.Pinyin;
import org.linli.knowledge.analysis.ResidentText;

/**
 * Which terms each document contains, over its whole text (title, tags, synonyms, all sections),
 * and in how many documents each term occurs. Lets the confidence ask "how much of the question
 * does this document cover?", weighting rare words more than common ones.
 */
final class DocumentTerms {

  private final Map<String, Map<TermKind, Set<String>>> byDoc = new HashMap<>();
  // Han characters and pinyin syllables of each document: what a single-character word (often a
  // fragment of a misheard or unknown word) can be matched against.
  private final Map<String, Set<String>> unitsByDoc = new HashMap<>();
  // The title, each tag and each synonym of a document as separate entries: the names residents
  // use for the policy.
  private final Map<String, List<Entry>> namesByDoc = new HashMap<>();

  /**
   * One name of a policy: its words, the pinyin pairs of each word, and the pinyin pairs of the
   * whole name (低保 is two one-character words to the segmenter, but one pair di_bao).
   */
  private record Entry(List<String> words, List<Set<String>> pinyinPairs, Set<String> namePinyin) {}
  private final Map<TermKind, Map<String, Integer>> documentFrequency = new EnumMap<>(TermKind.class);
  private final Map<TermKind, Integer> documentCount = new EnumMap<>(TermKind.class);

  DocumentTerms(List<PolicyDocument> documents) {
    for (PolicyDocument doc : documents) {
      String text = fullText(doc);
      Map<TermKind, Set<String>> kinds = new EnumMap<>(TermKind.class);
      for (TermKind kind : TermKind.of(doc.lang())) {
        Set<String> terms = kind.terms(text);
        kinds.put(kind, terms);
        documentCount.merge(kind, 1, Integer::sum);
        Map<String, Integer> df = documentFrequency.computeIfAbsent(kind, k -> new HashMap<>());
        for (String t : terms) {
          df.merge(t, 1, Integer::sum);
        }
      }
      byDoc.put(doc.id(), kinds);
      unitsByDoc.put(doc.id(), units(text));
      namesByDoc.put(doc.id(), names(doc));
    }
  }

  private static List<Entry> names(PolicyDocument doc) {
    TermKind wordKind = doc.lang() == Lang.EN ? TermKind.EN_WORD : TermKind.ZH_WORD;
    List<String> names = new ArrayList<>();
    names.add(doc.title());
    names.addAll(doc.tags());
    names.addAll(doc.synonyms());
    List<Entry> entries = new ArrayList<>();
    for (String name : names) {
      List<String> words = new ArrayList<>(wordKind.terms(name));
      if (words.isEmpty()) {
        continue;
      }
      List<Set<String>> pinyin = new ArrayList<>();
      for (String w : words) {
        pinyin.add(wordKind == TermKind.ZH_WORD ? TermKind.ZH_PINYIN.terms(w) : Set.of());
      }
      Set<String> namePinyin =
          wordKind == TermKind.ZH_WORD ? TermKind.ZH_PINYIN.terms(name) : Set.of();
      entries.add(new Entry(words, pinyin, namePinyin));
    }
    return entries;
  }

  /**
   * How completely the question names the policy: over the document's title, tags and synonyms,
   * the best idf-weighted share of one name's words that the question contains (as words or, for
   * homophones, as pinyin). 1 when the question says 交医保 and 交医保 is a tag; one half when a
   * question about 户口本丢了 meets the tag 身份证丢了.
   */
  double nameMatch(TermKind wordKind, QuestionTerms question, String docId) {
    // The question's words with their domain synonyms: 办丧事 names 丧葬补助 through 丧事 = 丧葬.
    Set<String> words = new HashSet<>(question.terms(wordKind));
    words.addAll(question.synonymWords());
    Set<String> pinyin = question.terms(TermKind.ZH_PINYIN);
    double best = 0;
    for (Entry e : namesByDoc.getOrDefault(docId, List.of())) {
      double total = 0;
      double found = 0;
      for (int i = 0; i < e.words().size(); i++) {
        String w = e.words().get(i);
        Set<String> py = e.pinyinPairs().get(i);
        double weight = idf(wordKind, w);
        total += weight;
        if (words.contains(w) || (!py.isEmpty() && pinyin.containsAll(py))) {
          found += weight;
        }
      }
      best = Math.max(best, total == 0 ? 0 : found / total);
      if (!e.namePinyin().isEmpty()) {
        // Said with the wrong characters: 底保 names 低保, 居民一包 names 居民医保.
        long heard = e.namePinyin().stream().filter(pinyin::contains).count();
        best = Math.max(best, heard / (double) e.namePinyin().size());
      }
    }
    return best;
  }

  private static Set<String> units(String text) {
    Set<String> units = new HashSet<>();
    String folded = ResidentText.fold(text);
    for (int i = 0; i < folded.length(); i++) {
      String syllable = Pinyin.of(folded.charAt(i));
      if (syllable != null) {
        units.add(String.valueOf(folded.charAt(i)));
        units.add("py:" + syllable);
      }
    }
    return units;
  }

  /**
   * Word by word: is each question word in the document, as a word, as its character pairs (a
   * typo elsewhere in the sentence does not matter), as its pinyin (a homophone), or, for a
   * single character, as a character or syllable? Returns the idf-weighted share of words found:
   * a question about 护照 answered from the 身份证 document leaves 护照 unaccounted for.
   */
  double wordCoverage(TermKind wordKind, Set<String> questionWords, String docId) {
    Map<TermKind, Set<String>> doc = byDoc.getOrDefault(docId, Map.of());
    Set<String> words = doc.getOrDefault(wordKind, Set.of());
    Set<String> pairs = doc.getOrDefault(TermKind.ZH_PAIR, Set.of());
    Set<String> pinyin = doc.getOrDefault(TermKind.ZH_PINYIN, Set.of());
    Set<String> units = unitsByDoc.getOrDefault(docId, Set.of());
    double total = 0;
    double found = 0;
    for (String w : questionWords) {
      double weight = idf(wordKind, w);
      total += weight;
      if (words.contains(w)
          || (wordKind == TermKind.ZH_WORD && foundAsPieces(w, pairs, pinyin, units))) {
        found += weight;
      }
    }
    return total == 0 ? 0 : found / total;
  }

  /**
   * A word the segmenter split differently, mistyped or misheard: all its character pairs or all
   * its pinyin pairs are in the document; a lone character (often a fragment of such a word) is
   * found when the character or its syllable is.
   */
  private static boolean foundAsPieces(
      String word, Set<String> pairs, Set<String> pinyin, Set<String> units) {
    if (word.length() == 1) {
      String syllable = Pinyin.of(word.charAt(0));
      return units.contains(word) || (syllable != null && units.contains("py:" + syllable));
    }
    boolean allPairs = true;
    boolean allPinyin = true;
    for (int i = 0; i + 1 < word.length(); i++) {
      String a = Pinyin.of(word.charAt(i));
      String b = Pinyin.of(word.charAt(i + 1));
      if (a == null || b == null) {
        return false; // digits or Latin inside a word: only an exact match counts
      }
      allPairs &= pairs.contains(word.substring(i, i + 2));
      allPinyin &= pinyin.contains(a + "_" + b);
    }
    return allPairs || allPinyin;
  }

  static String metaText(PolicyDocument doc) {
    StringBuilder sb = new StringBuilder(doc.title()).append('\n');
    doc.tags().forEach(t -> sb.append(t).append('\n'));
    doc.synonyms().forEach(t -> sb.append(t).append('\n'));
    return sb.toString();
  }

  static String fullText(PolicyDocument doc) {
    StringBuilder sb = new StringBuilder(metaText(doc));
    for (PolicyDocument.Section s : doc.sections()) {
      sb.append(s.heading()).append('\n').append(s.text()).append('\n');
    }
    return sb.toString();
  }

  /** Inverse document frequency; a term no document has gets the highest weight. */
  double idf(TermKind kind, String term) {
    int n = documentCount.getOrDefault(kind, 0);
    int df = documentFrequency.getOrDefault(kind, Map.of()).getOrDefault(term, 0);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The idf-weighted share of {@code questionTerms} that document {@code docId} contains, in
   * 0..1; 0 when the question has no terms of this kind.
   */
  double coverage(TermKind kind, Set<String> questionTerms, String docId) {
    Set<String> docTerms = byDoc.getOrDefault(docId, Map.of()).getOrDefault(kind, Set.of());
    double total = 0;
    double covered = 0;
    for (String t : questionTerms) {
      double w = idf(kind, t);
      total += w;
      if (docTerms.contains(t)) {
        covered += w;
      }
    }
    return total == 0 ? 0 : covered / total;
  }
}
