package org.linli.knowledge;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One immutable generation of the index: the documents of one load, their passages in an
 * in-memory Lucene index, and the term statistics the confidence needs. {@link KnowledgeBase}
 * swaps generations on reload; reference counting on the reader keeps a generation open until the
 * last query that started on it has finished.
 */
final class PassageIndex implements Closeable {

  /** Passages fetched per query: enough to rank ten distinct documents in nearly every case. */
  static final int CANDIDATES = 30;

  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final LoadedDocuments loaded;
  private final Map<String, PolicyDocument> byId;
  private final DocumentTerms terms;
  // Lucene doc id -> document id and section index: ranking reads these for dozens of passages
  // per question, and decompressing stored fields for each costs more than the search itself.
  private final String[] passageDocIds;
  private final int[] passageSections;
  // Lucene doc id -> TermKind ordinal -> where the passage body's terms occur, for snippets.
  private final BodyOffsets[][] bodyOffsets;
  private final LocalDate firstExpiry;
  private final SearchCache cache;

  private PassageIndex(
      DirectoryReader reader,
      LoadedDocuments loaded,
      Map<String, PolicyDocument> byId,
      List<PolicyDocument> indexed,
      LocalDate firstExpiry,
      SearchCache cache)
      throws IOException {
    this.reader = reader;
    this.cache = cache;
    this.firstExpiry = firstExpiry;
    this.passageDocIds = new String[reader.maxDoc()];
    this.passageSections = new int[reader.maxDoc()];
    this.bodyOffsets = new BodyOffsets[reader.maxDoc()][];
    Map<String, String> sharedTerms = new HashMap<>();
    StoredFields stored = reader.storedFields();
    for (int i = 0; i < reader.maxDoc(); i++) {
      Document d = stored.document(i);
      passageDocIds[i] = d.get(Fields.DOC_ID);
      passageSections[i] = d.getField(Fields.SECTION).numericValue().intValue();
      bodyOffsets[i] = bodyOffsets(byId.get(passageDocIds[i]), passageSections[i], sharedTerms);
    }
    this.searcher = new IndexSearcher(reader);
    this.searcher.setSimilarity(new BM25Similarity());
    this.loaded = loaded;
    this.byId = byId;
    this.terms = new DocumentTerms(indexed);
  }

  /**
   * Indexes the documents of {@code loaded} that have not expired by {@code today}; all of them
   * stay listed in {@link #documents()}.
   *
   * @param cache this generation's own result cache (empty; see {@link SearchCache})
   */
  static PassageIndex build(LoadedDocuments loaded, LocalDate today, SearchCache cache) {
    Map<String, PolicyDocument> byId = new LinkedHashMap<>();
    loaded.documents().forEach(d -> byId.putIfAbsent(d.id(), d));
    LocalDate firstExpiry = null;
    List<PolicyDocument> indexed = new ArrayList<>();
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig config =
        new IndexWriterConfig(Fields.indexAnalyzer())
            .setSimilarity(new BM25Similarity())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(64);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      for (PolicyDocument doc : byId.values()) {
        if (doc.expiredOn(today)) {
          continue;
        }
        if (doc.expires() != null && (firstExpiry == null || doc.expires().isBefore(firstExpiry))) {
          firstExpiry = doc.expires();
        }
        indexed.add(doc);
        for (int i = 0; i < doc.sections().size(); i++) {
          writer.addDocument(passage(doc, i));
        }
      }
      writer.commit();
      DirectoryReader reader = DirectoryReader.open(dir);
      reader.getReaderCacheHelper().addClosedListener(key -> dir.close());
      return new PassageIndex(reader, loaded, byId, indexed, firstExpiry, cache);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the in-memory index", e);
    }
  }

  /** The text of a passage's body fields: its heading, then its text. */
  private static String body(PolicyDocument.Section section) {
    return section.heading() + "\n" + section.text();
  }

  /**
   * Where the terms of each body field occur in one passage's text, by {@link TermKind} ordinal:
   * analysed once here, with the analyzer the index uses for the field, instead of reading term
   * vectors for every hit.
   */
  private static BodyOffsets[] bodyOffsets(
      PolicyDocument doc, int sectionIndex, Map<String, String> sharedTerms) {
    PolicyDocument.Section section = doc.sections().get(sectionIndex);
    String body = body(section);
    // The body field is "heading \n text": offsets are shifted onto the text alone.
    int shift = section.heading().length() + 1;
    BodyOffsets[] byKind = new BodyOffsets[TermKind.values().length];
    for (TermKind kind : TermKind.of(doc.lang())) {
      String field = kind.bodyField();
      if (field != null) {
        byKind[kind.ordinal()] =
            BodyOffsets.of(kind.analyzer(), field, body, shift, section.text().length(), sharedTerms);
      }
    }
    return byKind;
  }

  private static Document passage(PolicyDocument doc, int sectionIndex) {
    PolicyDocument.Section section = doc.sections().get(sectionIndex);
    Document d = new Document();
    d.add(new StringField(Fields.DOC_ID, doc.id(), Field.Store.YES));
    d.add(new StoredField(Fields.SECTION, sectionIndex));
    long expires = doc.expires() == null ? Long.MAX_VALUE : doc.expires().toEpochDay();
    d.add(new LongPoint(Fields.EXPIRES_DAY, expires));

    String meta = String.join("\n", doc.tags()) + "\n" + String.join("\n", doc.synonyms());
    String body = body(section);
    if (doc.lang() == Lang.EN) {
      d.add(new TextField(Fields.EN_TITLE, doc.title(), Field.Store.NO));
      d.add(new TextField(Fields.EN_META, meta, Field.Store.NO));
      d.add(new TextField(Fields.EN_BODY, body, Field.Store.NO));
    } else {
      d.add(new TextField(Fields.ZH_TITLE, doc.title(), Field.Store.NO));
      d.add(new TextField(Fields.ZH_META, meta, Field.Store.NO));
      d.add(new TextField(Fields.ZH_BODY, body, Field.Store.NO));
      String titleAndMeta = doc.title() + "\n" + meta;
      d.add(new TextField(Fields.PAIR_META, titleAndMeta, Field.Store.NO));
      d.add(new TextField(Fields.PAIR_BODY, body, Field.Store.NO));
      d.add(new TextField(Fields.PINYIN_META, titleAndMeta, Field.Store.NO));
      d.add(new TextField(Fields.PINYIN_BODY, body, Field.Store.NO));
    }
    return d;
  }

  boolean tryAcquire() {
    return reader.tryIncRef();
  }

  void release() {
    try {
      reader.decRef();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops the index's own reference; it closes once the last query on it has released it. */
  @Override
  public void close() {
    release();
  }

  List<PolicyDocument> documents() {
    return loaded.documents();
  }

  List<DocumentProblem> problems() {
    return loaded.problems();
  }

  PolicyDocument document(String id) {
    return byId.get(id);
  }

  /** Results in this generation's cache. */
  int cachedResults() {
    return cache.size();
  }

  /**
   * @param question the question as asked, returned in the result
   * @param searchText the question prepared for search (see {@code ResidentText.forSearch})
   */
  SearchResult search(
      String question,
      String searchText,
      Lang lang,
      int maxHits,
      boolean distinctDocuments,
      LocalDate today) {
    if (maxHits <= 0) {
      return SearchResult.empty(question, lang);
    }
    SearchCache.Key key = new SearchCache.Key(searchText, lang, maxHits, distinctDocuments, today);
    SearchResult cached = cache.get(key);
    if (cached != null) {
      // Keyed by the search text: several wordings (traditional characters, spoken numbers) share
      // one result, each gets back the question as it was asked.
      return cached.question().equals(question)
          ? cached
          : new SearchResult(question, lang, cached.hits(), cached.confidence(), cached.answerable());
    }
    SearchResult result = uncached(question, searchText, lang, maxHits, distinctDocuments, today);
    cache.put(key, result);
    return result;
  }

  private SearchResult uncached(
      String question,
      String searchText,
      Lang lang,
      int maxHits,
      boolean distinctDocuments,
      LocalDate today) {
    try {
      Ranking ranking = rank(searchText, lang, Math.max(maxHits, CANDIDATES), today);
      if (ranking == null) {
        return SearchResult.empty(question, lang);
      }
      double confidence = Confidence.of(ranking.evidence());
      List<PassageHit> hits = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Ranked r : ranking.passages()) {
        if (hits.size() == maxHits) {
          break;
        }
        if (!distinctDocuments || seen.add(r.docId())) {
          hits.add(hit(r, ranking.question(), today));
        }
      }
      return new SearchResult(
          question, lang, hits, confidence, confidence >= Confidence.ANSWER_THRESHOLD);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The top document and the confidence features of a question, for fitting the confidence. */
  record Explained(String topDocId, Confidence.Evidence evidence) {}

  Explained explain(String searchText, Lang lang, LocalDate today) throws IOException {
    Ranking r = rank(searchText, lang, CANDIDATES, today);
    return r == null ? null : new Explained(r.passages().getFirst().docId(), r.evidence());
  }

  private record Ranking(
      List<Ranked> passages, QuestionTerms question, Confidence.Evidence evidence) {}

  /** The best passages and the confidence evidence; null when nothing matches. */
  private Ranking rank(String searchText, Lang lang, int n, LocalDate today) throws IOException {
    AnalyzedQuestion analyzed = new AnalyzedQuestion(searchText);
    Query query = QueryFactory.query(analyzed, lang);
    if (query == null) {
      return null;
    }
    List<Ranked> ranked = topPassages(withoutExpired(query, today), n);
    if (ranked.isEmpty()) {
      return null;
    }
    QuestionTerms question = QuestionTerms.of(analyzed, lang);
    return new Ranking(ranked, question, evidence(ranked, question, lang));
  }

  /**
   * Documents already expired when the index was built are not in it; the others are filtered at
   * query time, and only once the first of them has expired (the filter costs a little per query).
   */
  private Query withoutExpired(Query query, LocalDate today) {
    if (firstExpiry == null || !today.isAfter(firstExpiry)) {
      return query;
    }
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(
            LongPoint.newRangeQuery(Fields.EXPIRES_DAY, today.toEpochDay(), Long.MAX_VALUE),
            BooleanClause.Occur.FILTER)
        .build();
  }

  /** The features of the confidence, computed on the top document (see {@link Confidence}). */
  private Confidence.Evidence evidence(List<Ranked> ranked, QuestionTerms question, Lang lang) {
    String top = ranked.getFirst().docId();
    double s1 = ranked.getFirst().score();
    double s2 = 0;
    for (Ranked r : ranked) {
      if (!r.docId().equals(top)) {
        s2 = r.score();
        break;
      }
    }
    double coverage = 0;
    for (TermKind kind : TermKind.of(lang)) {
      coverage = Math.max(coverage, terms.coverage(kind, question.terms(kind), top));
    }
    TermKind wordKind = lang == Lang.EN ? TermKind.EN_WORD : TermKind.ZH_WORD;
    return new Confidence.Evidence(
        coverage,
        terms.wordCoverage(wordKind, question.terms(wordKind), top),
        terms.nameMatch(wordKind, question, top),
        s1 <= 0 ? 0 : (s1 - s2) / s1,
        s1,
        lang == Lang.EN);
  }

  record Ranked(int luceneDoc, String docId, int section, float score) {}

  private List<Ranked> topPassages(Query query, int n) throws IOException {
    TopDocs top = searcher.search(query, n);
    List<Ranked> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      out.add(new Ranked(sd.doc, passageDocIds[sd.doc], passageSections[sd.doc], sd.score));
    }
    return out;
  }

  private PassageHit hit(Ranked r, QuestionTerms question, LocalDate today) {
    PolicyDocument doc = byId.get(r.docId());
    PolicyDocument.Section section = doc.sections().get(r.section());
    List<Snippets.Span> spans = matchedSpans(r.luceneDoc(), doc.lang(), question);
    return new PassageHit(
        doc.id(),
        doc.title(),
        section.heading(),
        section.text(),
        Snippets.render(section.text(), spans),
        r.score(),
        doc.department(),
        doc.category(),
        doc.lang(),
        doc.source(),
        doc.effective(),
        doc.notYetEffectiveOn(today));
  }

  /** Where the question's terms occur in the passage text (see {@link BodyOffsets}). */
  private List<Snippets.Span> matchedSpans(int luceneDoc, Lang docLang, QuestionTerms question) {
    List<Snippets.Span> spans = new ArrayList<>();
    for (TermKind kind : TermKind.of(docLang)) {
      BodyOffsets offsets = bodyOffsets[luceneDoc][kind.ordinal()];
      if (offsets == null) {
        continue;
      }
      for (String term : question.highlightTerms(kind)) {
        offsets.addSpans(term, spans);
      }
    }
    return spans;
  }
}
