package org.linli.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * With service requests open to read without a key, anyone sees that something was reported, where
 * to the street or estate, and how it stands, but not what a resident or staff member wrote.
 */
@SpringBootTest(properties = "linli.open311.public-read=true")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class Open311PublicReadTest {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired HandoffService handoff;

  private String newKey() throws Exception {
    String body = mvc.perform(post("/api/staff/admin/open311/keys")
            .with(httpBasic("admin", "admin-test-password"))
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"city-public\"}"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    return json.readTree(body).get("apiKey").asString();
  }

  @Test
  void withoutAKeyTheAddressStopsAtTheEstateAndNobodysWordsAreShown() throws Exception {
    String key = newKey();
    String created = mvc.perform(post("/open311/v2/requests.json")
            .param("api_key", key).param("service_code", "lift")
            .param("description", "我是王秀英，腿脚不好，3栋电梯坏了下不了楼")
            .param("address_string", "幸福小区3栋2单元502室"))
        .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    String id = json.readTree(created).get(0).get("service_request_id").asString();
    Actor property = new Actor("li", "李师傅", "property", false);
    handoff.claim(property, id);
    handoff.resolve(property, id, "已为王秀英家修好电梯");

    String anyone = mvc.perform(get("/open311/v2/requests/" + id + ".json"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].status").value("closed"))
        .andExpect(jsonPath("$[0].service_code").value("lift"))
        .andExpect(jsonPath("$[0].address").value("幸福小区"))
        .andExpect(jsonPath("$[0].description").doesNotExist())
        .andExpect(jsonPath("$[0].status_notes").doesNotExist())
        .andReturn().getResponse().getContentAsString();
    assertThat(anyone).doesNotContain("王秀英").doesNotContain("502").doesNotContain("腿脚");
    String listed = mvc.perform(get("/open311/v2/requests.json").param("service_code", "lift"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(listed).contains(id).doesNotContain("王秀英").doesNotContain("502");

    // the city's case system, with its key, still reads everything
    mvc.perform(get("/open311/v2/requests/" + id + ".json").param("api_key", key))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].address").value("幸福小区3栋2单元502室"))
        .andExpect(jsonPath("$[0].description").value("我是王秀英，腿脚不好，3栋电梯坏了下不了楼"))
        .andExpect(jsonPath("$[0].status_notes").value("已为王秀英家修好电梯"));
  }

  @Test
  void placesAreCutToTheirStreetOrEstateOrLeftOut() {
    assertThat(PublicAddress.of("建设路12号")).isEqualTo("建设路");
    assertThat(PublicAddress.of("幸福小区3号楼")).isEqualTo("幸福小区");
    assertThat(PublicAddress.of("锦绣苑6幢")).isEqualTo("锦绣苑");
    assertThat(PublicAddress.of("31.230416,121.473701")).isEqualTo("31.23,121.47");
    assertThat(PublicAddress.of("12 Jianshe Road, flat 5")).isEqualTo("Jianshe Road");
    assertThat(PublicAddress.of("王大妈家楼下")).isNull();
    assertThat(PublicAddress.of(" ")).isNull();
  }
}
