package org.linli.knowledge.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the editable word lists that ship with the module (stop words, synonyms). */
final class WordLists {

  private static final Logger LOG = LoggerFactory.getLogger(WordLists.class);

  private static final String BASE = "/org/linli/knowledge/analysis/";

  private WordLists() {}

  /** One word per line; '#' starts a comment. */
  static CharArraySet words(String resource) {
    CharArraySet set = new CharArraySet(256, true);
    try (BufferedReader reader = open(resource)) {
      String line;
      while ((line = reader.readLine()) != null) {
        int hash = line.indexOf('#');
        String word = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!word.isEmpty()) {
          set.add(CharFolding.fold(word));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CharArraySet.unmodifiableSet(set);
  }

  /**
   * Solr-format synonyms ({@code a, b, c} for equivalents, {@code a => b} for one-way), each entry
   * analysed by {@code entryAnalyzer} so that it is segmented exactly like the text it must match.
   * A line that cannot be used (for example one whose entry is a stop word) is skipped with a
   * warning, so that one careless edit does not take the search down.
   */
  static SynonymMap synonyms(String resource, Analyzer entryAnalyzer) {
    SolrSynonymParser parser = new SolrSynonymParser(true, true, entryAnalyzer);
    try (BufferedReader reader = open(resource)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        try {
          parser.parse(new StringReader(line));
        } catch (ParseException | IllegalArgumentException e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          LOG.warn("synonym_line_skipped file={} line={} reason=\"{}\"", resource, number, cause.getMessage());
        }
      }
      return parser.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedReader open(String resource) {
    InputStream in = WordLists.class.getResourceAsStream(BASE + resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + BASE + resource);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
