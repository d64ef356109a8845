package org.linli.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** The staff API is described in OpenAPI for the people who integrate with it. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class OpenApiTest {

  @Autowired MockMvc mvc;

  @Test
  void theStaffApiIsDocumentedInOpenApi() throws Exception {
    String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(doc).contains("/api/staff/tickets/{id}/claim").contains("/api/staff/tickets/{id}/resolve")
        .contains("/api/staff/tickets/{id}/release");
  }
}
