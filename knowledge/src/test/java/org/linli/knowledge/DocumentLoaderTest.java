package org.linli.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A knowledge manager learns which file and line break the format, and the rest still loads. */
class DocumentLoaderTest {

  static String doc(String frontMatter) {
    return "---\n" + frontMatter + "\n---\n## 一句话说明\n年满80周岁的老人每月可以领高龄津贴。\n\n## 咨询电话\n请打12345。\n";
  }

  static final String GOOD =
      doc(
          """
          id: elderly-allowance
          title: 高龄津贴申领
          department: 民政局
          category: 养老服务
          tags: [高龄, 津贴]
          synonyms: [长寿金]
          effective: 2024-01-01
          lang: zh
          source: https://example.gov.cn/policy/elderly-allowance""");

  @Test
  void validDocumentLoadsWithSectionsAndMetadata() {
    LoadedDocuments loaded = DocumentLoader.load(List.of(new SourceText("a.md", GOOD)));

    assertThat(loaded.problems()).isEmpty();
    PolicyDocument d = loaded.documents().getFirst();
    assertThat(d.id()).isEqualTo("elderly-allowance");
    assertThat(d.tags()).containsExactly("高龄", "津贴");
    assertThat(d.synonyms()).containsExactly("长寿金");
    assertThat(d.effective()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(d.lang()).isEqualTo(Lang.ZH);
    assertThat(d.sections()).extracting(PolicyDocument.Section::heading).containsExactly("一句话说明", "咨询电话");
    assertThat(d.sections().getFirst().line()).isEqualTo(12);
  }

  @Test
  void everyBrokenDocumentIsReportedWithFileAndLineAndTheRestLoad() {
    List<SourceText> files =
        List.of(
            new SourceText("good.md", GOOD),
            new SourceText("no-id.md", doc("title: 没有编号\nlang: zh")),
            new SourceText("no-title.md", doc("id: no-title\nlang: zh")),
            new SourceText("bad-id.md", doc("id: Bad_Id\ntitle: 编号不对\nlang: zh")),
            new SourceText("dup.md", doc("id: elderly-allowance\ntitle: 重复\nlang: zh")),
            new SourceText("bad-date.md", doc("id: bad-date\ntitle: 日期\neffective: 2024-02-30\nlang: zh")),
            new SourceText("bad-lang.md", doc("id: bad-lang\ntitle: 语言\nlang: fr")),
            new SourceText("bad-yaml.md", doc("id: bad-yaml\ntitle: [不闭合\nlang: zh")),
            new SourceText("no-front.md", "## 一句话说明\n没有头。\n"),
            new SourceText("no-sections.md", "---\nid: empty\ntitle: 空\nlang: zh\n---\n只有一段话。\n"),
            new SourceText("also-good.md", GOOD.replace("id: elderly-allowance", "id: also-good")));

    LoadedDocuments loaded = DocumentLoader.load(files);

    assertThat(loaded.documents()).extracting(PolicyDocument::id).containsExactly("elderly-allowance", "also-good");
    assertThat(loaded.problems())
        .extracting(p -> p.file() + ":" + p.line())
        .containsExactly(
            "no-id.md:1",
            "no-title.md:1",
            "bad-id.md:2",
            "dup.md:2",
            "bad-date.md:4",
            "bad-lang.md:4",
            "bad-yaml.md:4",
            "no-front.md:1",
            "no-sections.md:6");
    assertThat(loaded.problems().get(0).message()).contains("missing id");
    assertThat(loaded.problems().get(3).message()).contains("duplicate id").contains("good.md");
    assertThat(loaded.problems().get(4).message()).contains("bad date");
    assertThat(loaded.problems().get(5).message()).contains("unknown lang 'fr'");
    assertThat(loaded.problems().get(6).message()).contains("not valid YAML").contains("line 3");
  }

  @Test
  void folderIsLoadedInFileNameOrderAndNonMarkdownIsIgnored(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.md"), GOOD.replace("elderly-allowance", "bbb"), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("a.md"), GOOD.replace("elderly-allowance", "aaa"), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("notes.txt"), "not a policy", StandardCharsets.UTF_8);
    Files.write(dir.resolve("gbk.md"), new byte[] {(byte) 0xB8, (byte) 0xDF, 0x0A});

    LoadedDocuments loaded = DocumentLoader.loadDirectory(dir);

    assertThat(loaded.documents()).extracting(PolicyDocument::id).containsExactly("aaa", "bbb");
    assertThat(loaded.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("gbk.md");
      assertThat(p.message()).contains("UTF-8");
    });
  }

  @Test
  void demoKnowledgeBaseLoadsWithoutProblems() throws Exception {
    LoadedDocuments loaded = DocumentLoader.loadDirectory(DemoKnowledgeBase.folder());

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.documents()).hasSizeGreaterThanOrEqualTo(60);
  }
}
