package org.linli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the policy documents in the shared database ({@code linli.knowledge.store=database}), a
 * document an administrator uploads through one node is answered by the other node without a
 * restart and without a shared folder; a broken document is refused and changes nothing anywhere.
 */
class KnowledgeChangesReachEveryNodeTest {

  static final JsonMapper json = JsonMapper.builder().build();
  static TwoNodes nodes;

  static final String BEEKEEPING = BeekeepingPolicy.TEXT;

  @BeforeAll
  static void start() {
    nodes =
        new TwoNodes(
            "linli.knowledge.store=database",
            "linli.knowledge.sync-interval=PT0.2S",
            "linli.rate-limit.enabled=false");
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
  }

  private HttpResponse<String> upload(String fileName, String text) throws Exception {
    return nodes.send(
        TwoNodes.admin(nodes.a, "/api/admin/knowledge/documents/" + fileName)
            .header("Content-Type", "text/markdown; charset=utf-8")
            .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
            .build());
  }

  private String firstSource(org.springframework.context.ConfigurableApplicationContext node, String question)
      throws Exception {
    HttpResponse<String> r = nodes.chat(node, question);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode source = json.readTree(r.body()).at("/replies/0/sources/0/docId");
    return source.isMissingNode() ? "" : source.asString();
  }

  @Test
  void bothNodesStartFromTheSameSeededDocuments() throws Exception {
    assertThat(firstSource(nodes.b, "高龄津贴怎么申请")).isEqualTo("elderly-allowance");
    assertThat(firstSource(nodes.a, "高龄津贴怎么申请")).isEqualTo("elderly-allowance");
  }

  @Test
  void aDocumentUploadedThroughOneNodeIsAnsweredByTheOther() throws Exception {
    String question = "养蜂补贴怎么申请";
    assertThat(firstSource(nodes.b, question)).isNotEqualTo(BeekeepingPolicy.ID);

    HttpResponse<String> uploaded = upload(BeekeepingPolicy.FILE_NAME, BEEKEEPING);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    // the node that took the change answers from it at once
    assertThat(firstSource(nodes.a, question)).isEqualTo(BeekeepingPolicy.ID);
    // the other node within its sync interval, without a restart
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> firstSource(nodes.b, question).equals(BeekeepingPolicy.ID));
    JsonNode listOnB =
        json.readTree(nodes.send(TwoNodes.admin(nodes.b, "/api/admin/knowledge").GET().build()).body());
    assertThat(listOnB.get("servedVersion").asLong()).isEqualTo(listOnB.get("version").asLong());
  }

  @Test
  void aBrokenDocumentIsRefusedWithItsProblemAndChangesNothing() throws Exception {
    JsonNode before =
        json.readTree(nodes.send(TwoNodes.admin(nodes.b, "/api/admin/knowledge").GET().build()).body());
    String noTitle = BEEKEEPING.replace("title: 社区养蜂补贴\n", "").replace("community-beekeeping", "broken-beekeeping");

    HttpResponse<String> refused = upload("broken-beekeeping.md", noTitle);

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode problem = json.readTree(refused.body());
    assertThat(problem.get("code").asString()).isEqualTo("error.kb.invalid");
    assertThat(problem.get("problems").get(0).asString()).contains("broken-beekeeping.md").contains("title");
    JsonNode after =
        json.readTree(nodes.send(TwoNodes.admin(nodes.a, "/api/admin/knowledge").GET().build()).body());
    assertThat(after.get("version").asLong()).isEqualTo(before.get("version").asLong());
    assertThat(after.get("documents").toString()).doesNotContain("broken-beekeeping");

    assertThat(upload("../escape.md", BEEKEEPING).statusCode()).isIn(400, 404);
    HttpResponse<String> badName = upload("notes.txt", BEEKEEPING);
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(json.readTree(badName.body()).get("code").asString()).isEqualTo("error.kb.file-name");
  }

  @Test
  void onlyAdministratorsChangeTheKnowledgeBase() throws Exception {
    HttpResponse<String> anonymous =
        nodes.send(
            java.net.http.HttpRequest.newBuilder(TwoNodes.url(nodes.a, "/api/admin/knowledge/documents/x.md"))
                .PUT(HttpRequest.BodyPublishers.ofString(BEEKEEPING))
                .build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }
}
