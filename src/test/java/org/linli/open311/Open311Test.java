package org.linli.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** A city's case system reads and files work orders through Open311 GeoReport v2. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class Open311Test {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;

  private String newKey() throws Exception {
    String body = mvc.perform(post("/api/staff/admin/open311/keys")
            .with(httpBasic("admin", "admin-test-password"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"city-12345\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    return json.readTree(body).get("apiKey").asString();
  }

  @Test
  void theServiceListNamesEveryCategoryWithItsDepartment() throws Exception {
    mvc.perform(get("/open311/v2/services.json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.service_code == 'street_light')].group").value("municipal"))
        .andExpect(jsonPath("$[?(@.service_code == 'street_light')].service_name").value("路灯"));
  }

  @Test
  void aCaseSystemFilesARequestWithItsKeyAndReadsItBack() throws Exception {
    String key = newKey();
    String created = mvc.perform(post("/open311/v2/requests.json")
            .param("api_key", key).param("service_code", "street_light")
            .param("description", "3号路口路灯不亮").param("address_string", "幸福路3号"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    String id = json.readTree(created).get(0).get("service_request_id").asString();
    assertThat(id).matches("\\d{6}");

    mvc.perform(get("/open311/v2/requests/" + id + ".json").param("api_key", key))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].status").value("open"))
        .andExpect(jsonPath("$[0].agency_responsible").value("municipal"))
        .andExpect(jsonPath("$[0].address").value("幸福路3号"));
    mvc.perform(get("/open311/v2/requests.json").param("api_key", key).param("service_code", "street_light"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.service_request_id == '" + id + "')]").exists());
  }

  @Test
  void withoutAValidKeyNothingIsFiledOrRead() throws Exception {
    mvc.perform(post("/open311/v2/requests.json").param("api_key", "nope")
            .param("service_code", "road").param("description", "坑"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$[0].code").value(403));
    mvc.perform(get("/open311/v2/requests.json")).andExpect(status().isForbidden());
  }
}
