package org.linli.knowledgebase;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linli.knowledge.KnowledgeBase;
import org.linli.knowledge.PolicyDocument;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators change the policy documents of a cluster ({@code linli.knowledge.store=database})
 * through any node: the document is checked, stored, this node serves it at once, and every other
 * node within {@code linli.knowledge.sync-interval}. Role ADMIN, HTTP Basic (see the security
 * configuration).
 */
@RestController
class KnowledgeAdminController {

  private final ObjectProvider<KnowledgeStore> store;
  private final ObjectProvider<KnowledgeSync> sync;
  private final KnowledgeBase knowledgeBase;
  private final KnowledgeProperties properties;
  private final MessageSource messages;

  KnowledgeAdminController(
      ObjectProvider<KnowledgeStore> store,
      ObjectProvider<KnowledgeSync> sync,
      KnowledgeBase knowledgeBase,
      KnowledgeProperties properties,
      MessageSource messages) {
    this.store = store;
    this.sync = sync;
    this.knowledgeBase = knowledgeBase;
    this.properties = properties;
    this.messages = messages;
  }

  @GetMapping("/api/admin/knowledge")
  Map<String, Object> list() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("store", properties.store());
    KnowledgeSync s = sync.getIfAvailable();
    KnowledgeStore st = store.getIfAvailable();
    if (st != null && s != null) {
      body.put("version", st.version());
      body.put("servedVersion", s.appliedVersion());
      Map<String, String> ids = new LinkedHashMap<>();
      for (PolicyDocument d : knowledgeBase.documents()) {
        ids.put(d.fileName(), d.id());
      }
      body.put(
          "documents",
          st.entries().stream()
              .map(
                  e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("fileName", e.fileName());
                    m.put("documentId", ids.get(e.fileName()));
                    m.put("updatedAt", e.updatedAt() == null ? null : e.updatedAt().toString());
                    m.put("updatedBy", e.updatedBy());
                    m.put("characters", e.chars());
                    return m;
                  })
              .toList());
    } else {
      body.put("source", KnowledgeBaseConfiguration.source(properties));
      body.put(
          "documents",
          knowledgeBase.documents().stream()
              .map(d -> Map.of("fileName", d.fileName(), "documentId", d.id()))
              .toList());
    }
    return body;
  }

  /** Adds or replaces one document (the body is the Markdown file, UTF-8). */
  @PutMapping("/api/admin/knowledge/documents/{fileName}")
  Map<String, Object> put(
      @PathVariable String fileName, @RequestBody(required = false) byte[] body, Principal principal) {
    KnowledgeStore st = requireStore();
    long version = st.put(fileName, utf8(body), principal.getName());
    return served(fileName, version);
  }

  @DeleteMapping("/api/admin/knowledge/documents/{fileName}")
  Map<String, Object> delete(@PathVariable String fileName) {
    KnowledgeStore st = requireStore();
    long version = st.delete(fileName);
    return served(fileName, version);
  }

  private Map<String, Object> served(String fileName, long version) {
    // this node serves the change before it answers; the others within the sync interval
    sync.getObject().syncNow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fileName", fileName);
    body.put("version", version);
    body.put("documents", knowledgeBase.documents().size());
    return body;
  }

  private KnowledgeStore requireStore() {
    KnowledgeStore st = store.getIfAvailable();
    if (st == null) {
      throw new KnowledgeStore.Refused(409, "error.kb.not-database", properties.store(), List.of());
    }
    return st;
  }

  private static String utf8(byte[] body) {
    if (body == null) {
      return "";
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new KnowledgeStore.Refused(400, "error.kb.encoding", "not UTF-8", List.of());
    }
  }

  @ExceptionHandler(KnowledgeStore.Refused.class)
  ResponseEntity<ProblemDetail> refused(KnowledgeStore.Refused e) {
    HttpStatus status = HttpStatus.valueOf(e.status);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            status, messages.getMessage(e.code, null, e.code, LocaleContextHolder.getLocale()));
    p.setProperty("code", e.code);
    if (!e.problems.isEmpty()) {
      p.setProperty("problems", e.problems.stream().map(Object::toString).toList());
    }
    return ResponseEntity.status(status).body(p);
  }
}
