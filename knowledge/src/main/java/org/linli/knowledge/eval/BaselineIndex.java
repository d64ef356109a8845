package org.linli.knowledge.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.linli.knowledge.LoadedDocuments;
import org.linli.knowledge.PolicyDocument;

/**
 * The floor the engine is compared with: one text field per passage (title, tags, synonyms,
 * heading, text), Lucene's StandardAnalyzer (one token per Han character), BM25, no
 * normalisation, no synonyms. It never abstains. Expired documents are left out, as in the engine.
 */
final class BaselineIndex implements AutoCloseable {

  private static final String TEXT = "text";
  private static final String DOC_ID = "docId";

  private final StandardAnalyzer analyzer = new StandardAnalyzer();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  BaselineIndex(LoadedDocuments docs, LocalDate today) {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      for (PolicyDocument doc : docs.documents()) {
        if (doc.expiredOn(today)) {
          continue;
        }
        String meta = doc.title() + "\n" + String.join(" ", doc.tags()) + "\n" + String.join(" ", doc.synonyms());
        for (PolicyDocument.Section s : doc.sections()) {
          Document d = new Document();
          d.add(new StringField(DOC_ID, doc.id(), Field.Store.YES));
          d.add(new TextField(TEXT, meta + "\n" + s.heading() + "\n" + s.text(), Field.Store.NO));
          writer.addDocument(d);
        }
      }
      writer.commit();
      reader = DirectoryReader.open(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity());
  }

  /** Distinct document ids, best first. */
  List<String> rank(String question, int maxDocs) {
    Query q = new QueryBuilder(analyzer).createBooleanQuery(TEXT, question);
    if (q == null) {
      return List.of();
    }
    try {
      Set<String> ids = new LinkedHashSet<>();
      for (ScoreDoc sd : searcher.search(q, maxDocs * 6).scoreDocs) {
        ids.add(searcher.storedFields().document(sd.doc).get(DOC_ID));
        if (ids.size() == maxDocs) {
          break;
        }
      }
      return new ArrayList<>(ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
    analyzer.close();
  }
}
