package org.linli.knowledgebase;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.linli.knowledge.DocumentLoader;
import org.linli.knowledge.DocumentProblem;
import org.linli.knowledge.LoadedDocuments;
import org.linli.knowledge.SourceText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The policy documents of a cluster, as rows of the shared database ({@code kb_document}), with a
 * version ({@code kb_version}) that every change bumps. Every change first takes the version row's
 * lock, so changes made through different nodes at the same moment happen one after the other, and
 * a change that would break a document is refused before anything is written.
 */
class KnowledgeStore {

  /** A file name as the loader knows it: no folders, ends in {@code .md}. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,196}\\.md");

  static final int MAX_CHARS = 1_000_000;

  /** One stored document, without its text. */
  record Entry(String fileName, OffsetDateTime updatedAt, String updatedBy, int chars) {}

  /** What the documents are at one version. */
  record Snapshot(long version, List<SourceText> files) {}

  /** A change refused: {@code code} names the message for the administrator. */
  static final class Refused extends RuntimeException {
    final String code;
    final int status;
    final List<DocumentProblem> problems;

    Refused(int status, String code, String detail, List<DocumentProblem> problems) {
      super(detail);
      this.status = status;
      this.code = code;
      this.problems = List.copyOf(problems);
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  KnowledgeStore(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  long version() {
    return jdbc.sql("select version from kb_version where id = 1").query(Long.class).single();
  }

  /** The documents and the version they are at, read in one transaction. */
  Snapshot snapshot() {
    return tx.execute(
        status -> {
          long version = version();
          return new Snapshot(version, files());
        });
  }

  private List<SourceText> files() {
    return jdbc.sql("select file_name, content from kb_document order by file_name")
        .query((rs, i) -> new SourceText(rs.getString(1), rs.getString(2)))
        .list();
  }

  List<Entry> entries() {
    return jdbc.sql(
            "select file_name, updated_at, updated_by, content from kb_document order by file_name")
        .query(
            (rs, i) ->
                new Entry(
                    rs.getString(1),
                    rs.getObject(2, OffsetDateTime.class),
                    rs.getString(3),
                    rs.getString(4).length()))
        .list();
  }

  /**
   * Fills an empty store once per cluster: the first node to start imports {@code seed} (the
   * configured folder or the bundled demo); nodes starting at the same moment wait for it and find
   * the documents there.
   *
   * @return how many documents were imported (0 when the store had been filled already)
   */
  int seedIfEmpty(Supplier<List<SourceText>> seed, String source) {
    Integer imported =
        tx.execute(
            status -> {
              int claimed =
                  jdbc.sql("update kb_version set version = 1, changed_at = ? where id = 1 and version = 0")
                      .param(now())
                      .update();
              if (claimed == 0) {
                return 0;
              }
              int n = 0;
              for (SourceText file : seed.get()) {
                if (FILE_NAME.matcher(file.fileName()).matches()) {
                  insert(file.fileName(), file.content(), "seed:" + source);
                  n++;
                }
              }
              return n;
            });
    return imported == null ? 0 : imported;
  }

  /**
   * Adds or replaces one document; refused (nothing written) when the name or the document is not
   * valid.
   *
   * @return the new version
   */
  long put(String fileName, String text, String actor) {
    checkName(fileName);
    if (text == null || text.isBlank()) {
      throw new Refused(400, "error.kb.empty", "the document is empty", List.of());
    }
    if (text.length() > MAX_CHARS) {
      throw new Refused(413, "error.kb.too-large", "over " + MAX_CHARS + " characters", List.of());
    }
    Long version =
        tx.execute(
            status -> {
              long next = lockAndBump();
              List<SourceText> without = new ArrayList<>(files());
              without.removeIf(f -> f.fileName().equals(fileName));
              List<SourceText> with = new ArrayList<>(without);
              with.add(new SourceText(fileName, text));
              LoadedDocuments before = DocumentLoader.load(without);
              LoadedDocuments after = DocumentLoader.load(with);
              List<DocumentProblem> own =
                  after.problems().stream().filter(p -> fileName.equals(p.file())).toList();
              if (!own.isEmpty() || after.problems().size() > before.problems().size()) {
                throw new Refused(
                    400,
                    "error.kb.invalid",
                    own.isEmpty() ? after.problems().toString() : own.toString(),
                    own.isEmpty() ? after.problems() : own);
              }
              int updated =
                  jdbc.sql(
                          "update kb_document set content = ?, updated_at = ?, updated_by = ?"
                              + " where file_name = ?")
                      .params(text, now(), actor, fileName)
                      .update();
              if (updated == 0) {
                insert(fileName, text, actor);
              }
              return next;
            });
    return version == null ? version() : version;
  }

  /**
   * Removes one document.
   *
   * @return the new version
   */
  long delete(String fileName) {
    checkName(fileName);
    Long version =
        tx.execute(
            status -> {
              long next = lockAndBump();
              int count = jdbc.sql("select count(*) from kb_document").query(Integer.class).single();
              int deleted =
                  jdbc.sql("delete from kb_document where file_name = ?").param(fileName).update();
              if (deleted == 0) {
                throw new Refused(404, "error.kb.not-found", fileName, List.of());
              }
              if (count == 1) {
                // a node with no documents can answer nothing and reports itself down
                throw new Refused(409, "error.kb.last-document", fileName, List.of());
              }
              return next;
            });
    return version == null ? version() : version;
  }

  /** Takes the cluster-wide lock for knowledge changes (the version row) and moves the version. */
  private long lockAndBump() {
    jdbc.sql("update kb_version set version = version + 1, changed_at = ? where id = 1")
        .param(now())
        .update();
    return version();
  }

  private void insert(String fileName, String text, String actor) {
    jdbc.sql(
            "insert into kb_document (file_name, content, updated_at, updated_by) values (?, ?, ?, ?)")
        .params(fileName, text, now(), actor)
        .update();
  }

  private static void checkName(String fileName) {
    if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
      throw new Refused(
          400,
          "error.kb.file-name",
          "a file name of letters, digits, '.', '_' or '-' ending in .md",
          List.of());
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
