package org.linli.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads policy documents (Markdown with YAML front matter, one {@code ##} section per passage)
 * and validates them. A document that breaks the format is reported as a {@link DocumentProblem}
 * with its file name and 1-based line and left out; the others still load.
 */
public final class DocumentLoader {

  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
  private static final Pattern HEADING = Pattern.compile("^##(?!#)\\s*(.*?)\\s*#*\\s*$");
  private static final Pattern KEY_LINE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*)\\s*:");

  private DocumentLoader() {}

  /**
   * Loads every {@code *.md} file directly inside {@code dir}, in file-name order. A file that
   * cannot be read is reported as a problem at line 1.
   *
   * @throws UncheckedIOException when the folder itself cannot be listed (missing, not a folder,
   *     no permission)
   */
  public static LoadedDocuments loadDirectory(Path dir) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".md"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list knowledge folder " + dir, e);
    }
    List<SourceText> sources = new ArrayList<>();
    List<DocumentProblem> unreadable = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        sources.add(new SourceText(name, readUtf8(file)));
      } catch (CharacterCodingException e) {
        unreadable.add(new DocumentProblem(name, 1, "not valid UTF-8"));
      } catch (IOException e) {
        unreadable.add(new DocumentProblem(name, 1, "cannot read file: " + e.getMessage()));
      }
    }
    LoadedDocuments loaded = load(sources);
    if (unreadable.isEmpty()) {
      return loaded;
    }
    List<DocumentProblem> problems = new ArrayList<>(unreadable);
    problems.addAll(loaded.problems());
    return new LoadedDocuments(loaded.documents(), problems);
  }

  private static String readUtf8(Path file) throws IOException {
    // Strict decoding: a file saved as GBK is reported instead of indexed as mojibake.
    return StandardCharsets.UTF_8
        .newDecoder()
        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
        .toString();
  }

  /** Parses and validates the given files in the given order; duplicate ids keep the first. */
  public static LoadedDocuments load(List<SourceText> files) {
    List<PolicyDocument> documents = new ArrayList<>();
    List<DocumentProblem> problems = new ArrayList<>();
    Map<String, PolicyDocument> byId = new HashMap<>();
    for (SourceText file : files) {
      try {
        PolicyDocument doc = new FileParser(file).parse();
        PolicyDocument first = byId.putIfAbsent(doc.id(), doc);
        if (first != null) {
          int line = new FileParser(file).keyLine("id");
          throw new Invalid(
              line, "duplicate id '" + doc.id() + "' (already used by " + first.fileName() + ")");
        }
        documents.add(doc);
      } catch (Invalid e) {
        problems.add(new DocumentProblem(file.fileName(), e.line, e.getMessage()));
      }
    }
    return new LoadedDocuments(documents, problems);
  }

  /** A format error at a line; caught per file so that one bad file never stops the load. */
  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    final int line;

    Invalid(int line, String message) {
      super(message, null, false, false);
      this.line = line;
    }
  }

  /** Parses one file. Front matter starts at line 1; its content at line 2. */
  private static final class FileParser {
    private final SourceText file;
    private final List<String> lines;

    FileParser(SourceText file) {
      this.file = file;
      String content = file.content();
      if (content.startsWith("\uFEFF")) {
        content = content.substring(1); // editors on Windows add a byte-order mark
      }
      this.lines = content.lines().toList();
    }

    PolicyDocument parse() throws Invalid {
      if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
        throw new Invalid(1, "no front matter: the file must start with a line '---'");
      }
      int close = -1;
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).strip().equals("---")) {
          close = i;
          break;
        }
      }
      if (close < 0) {
        throw new Invalid(1, "front matter is not closed: add a line '---' after it");
      }
      Map<?, ?> meta = parseYaml(String.join("\n", lines.subList(1, close)));

      String id = requiredString(meta, "id");
      if (!ID.matcher(id).matches()) {
        throw new Invalid(keyLine("id"), "id '" + id + "' must match [a-z0-9-]+");
      }
      String title = requiredString(meta, "title");
      String langCode = requiredString(meta, "lang");
      Lang lang =
          Lang.fromCode(langCode)
              .orElseThrow(
                  () -> new Invalid(keyLine("lang"), "unknown lang '" + langCode + "' (zh or en)"));
      LocalDate effective = optionalDate(meta, "effective");
      LocalDate expires = optionalDate(meta, "expires");
      if (effective != null && expires != null && expires.isBefore(effective)) {
        throw new Invalid(keyLine("expires"), "expires " + expires + " is before effective " + effective);
      }
      List<PolicyDocument.Section> sections = sections(close + 1);
      if (sections.isEmpty()) {
        throw new Invalid(
            Math.min(close + 2, lines.size()), "no sections: add at least one '## heading' with text");
      }
      return new PolicyDocument(
          id,
          title,
          optionalString(meta, "department"),
          optionalString(meta, "category"),
          stringList(meta, "tags"),
          stringList(meta, "synonyms"),
          effective,
          expires,
          lang,
          optionalString(meta, "source"),
          sections,
          file.fileName());
    }

    private Map<?, ?> parseYaml(String yamlText) throws Invalid {
      Object parsed;
      try {
        parsed = yaml().load(yamlText);
      } catch (MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        int line = mark == null ? 1 : mark.getLine() + 2; // +1 for 1-based, +1 for the '---'
        String context = "";
        if (e.getContext() != null && e.getContextMark() != null) {
          // e.g. an unclosed [ is noticed on the next line: say where it was opened
          context = " (" + firstLine(e.getContext()) + " at line " + (e.getContextMark().getLine() + 2) + ")";
        }
        throw new Invalid(line, "front matter is not valid YAML: " + firstLine(e.getProblem()) + context);
      } catch (YAMLException e) {
        throw new Invalid(1, "front matter is not valid YAML: " + firstLine(e.getMessage()));
      }
      if (parsed == null) {
        throw new Invalid(1, "front matter is empty: id, title and lang are required");
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new Invalid(2, "front matter must be 'key: value' lines");
      }
      return map;
    }

    private static String firstLine(String s) {
      if (s == null) {
        return "";
      }
      int nl = s.indexOf('\n');
      return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private String requiredString(Map<?, ?> meta, String key) throws Invalid {
      String value = optionalString(meta, key);
      if (value == null || value.isBlank()) {
        throw new Invalid(meta.containsKey(key) ? keyLine(key) : 1, "missing " + key);
      }
      return value.strip();
    }

    private String optionalString(Map<?, ?> meta, String key) throws Invalid {
      Object value = meta.get(key);
      if (value == null) {
        return null;
      }
      if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
        throw new Invalid(keyLine(key), key + " must be a single value");
      }
      return value.toString().strip();
    }

    private LocalDate optionalDate(Map<?, ?> meta, String key) throws Invalid {
      String value = optionalString(meta, key);
      if (value == null || value.isEmpty()) {
        return null;
      }
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new Invalid(keyLine(key), "bad date " + key + ": '" + value + "' (use YYYY-MM-DD)");
      }
    }

    private List<String> stringList(Map<?, ?> meta, String key) throws Invalid {
      Object value = meta.get(key);
      if (value == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      if (value instanceof Collection<?> items) {
        for (Object item : items) {
          if (item == null || item instanceof Map<?, ?> || item instanceof Collection<?>) {
            throw new Invalid(keyLine(key), key + " must be a list of words, e.g. [a, b]");
          }
          if (!item.toString().isBlank()) {
            out.add(item.toString().strip());
          }
        }
      } else if (value instanceof Map<?, ?>) {
        throw new Invalid(keyLine(key), key + " must be a list of words, e.g. [a, b]");
      } else if (!value.toString().isBlank()) {
        out.add(value.toString().strip()); // one word without brackets is accepted
      }
      return out;
    }

    /** The 1-based line of a top-level front-matter key, or 1 when it is not there. */
    int keyLine(String key) {
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.strip().equals("---")) {
          break;
        }
        var m = KEY_LINE.matcher(line);
        if (m.find() && m.group(1).equals(key)) {
          return i + 1;
        }
      }
      return 1;
    }

    private List<PolicyDocument.Section> sections(int from) {
      List<PolicyDocument.Section> sections = new ArrayList<>();
      String heading = null;
      int headingLine = 0;
      StringBuilder body = new StringBuilder();
      for (int i = from; i <= lines.size(); i++) {
        String line = i < lines.size() ? lines.get(i) : null;
        var m = line == null ? null : HEADING.matcher(line);
        boolean isHeading = m != null && m.matches();
        if (line == null || isHeading) {
          // Text before the first heading (a '# title' or a note) is not a passage.
          if (heading != null && !body.toString().isBlank()) {
            sections.add(new PolicyDocument.Section(heading, body.toString().strip(), headingLine));
          }
          if (isHeading) {
            heading = m.group(1);
            headingLine = i + 1;
            body.setLength(0);
          }
        } else if (heading != null) {
          body.append(line.strip()).append('\n');
        }
      }
      return sections;
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    // Without the timestamp resolver, dates stay strings and are parsed strictly as YYYY-MM-DD,
    // so 2024-02-30 is an error instead of silently becoming 2024-03-01.
    return new Yaml(
        new SafeConstructor(options),
        new Representer(new DumperOptions()),
        new DumperOptions(),
        options,
        new NoTimestampResolver());
  }

  private static final class NoTimestampResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
