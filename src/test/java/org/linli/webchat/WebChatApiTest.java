package org.linli.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The web chat API as the kiosk and web clients use it. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class WebChatApiTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  private ResultActions send(String body) throws Exception {
    return mvc.perform(
        post("/api/chat/messages").contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private JsonNode ask(String body) throws Exception {
    String response =
        send(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return json.readTree(response);
  }

  private int storedMessages() {
    return jdbc.sql("select count(*) from message").query(Integer.class).single();
  }

  @Test
  void aResidentAskingAboutTheElderlyAllowanceGetsAPassageWithItsSource() throws Exception {
    send("{\"text\":\"高龄津贴怎么申请\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.conversationId").isNotEmpty())
        .andExpect(jsonPath("$.replies[0].text").isNotEmpty())
        .andExpect(jsonPath("$.replies[0].sources[0].docId").value("elderly-allowance"))
        .andExpect(jsonPath("$.replies[0].sources[0].title").isNotEmpty())
        .andExpect(jsonPath("$.intent").value("ask_policy"))
        .andExpect(jsonPath("$.handoff").value(Matchers.nullValue()));
  }

  @Test
  void theHistoryRedrawsTheWholeConversationInOrder() throws Exception {
    JsonNode first = ask("{\"text\":\"高龄津贴怎么申请\",\"channel\":\"kiosk\"}");
    String id = first.get("conversationId").asString();
    JsonNode second =
        ask("{\"conversationId\":\"" + id + "\",\"text\":\"要带什么材料\",\"channel\":\"kiosk\"}");
    assertThat(second.get("conversationId").asString()).isEqualTo(id);

    mvc.perform(get("/api/chat/conversations/" + id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.conversationId").value(id))
        .andExpect(jsonPath("$.channel").value("kiosk"))
        .andExpect(jsonPath("$.messages.length()").value(4))
        .andExpect(jsonPath("$.messages[0].direction").value("in"))
        .andExpect(jsonPath("$.messages[0].text").value("高龄津贴怎么申请"))
        .andExpect(jsonPath("$.messages[1].direction").value("out"))
        .andExpect(jsonPath("$.messages[1].sources[0].docId").value("elderly-allowance"))
        .andExpect(jsonPath("$.messages[2].text").value("要带什么材料"));
  }

  @Test
  void anEnglishQuestionIsAnsweredInEnglishFromAnEnglishDocument() throws Exception {
    JsonNode answer = ask("{\"text\":\"How do I apply for the old-age allowance?\"}");
    assertThat(answer.get("lang").asString()).isEqualTo("en");
    assertThat(answer.at("/replies/0/sources/0/docId").asString()).isEqualTo("en-elderly-allowance");
  }

  @Test
  void aQuestionOutsideTheKnowledgeBaseIsNotAnsweredWithAPolicy() throws Exception {
    JsonNode answer = ask("{\"text\":\"明天股票会涨吗\"}");
    assertThat(answer.at("/replies/0/sources").size()).isZero();
    assertThat(answer.at("/replies/0/text").asString()).isNotBlank();
  }

  @Test
  void aRetryWithTheSameMessageIdIsAnsweredOnce() throws Exception {
    JsonNode first = ask("{\"text\":\"低保怎么申请\",\"messageId\":\"kiosk-7-42\"}");
    int stored = storedMessages();
    JsonNode retry = ask("{\"text\":\"低保怎么申请\",\"messageId\":\"kiosk-7-42\"}");

    assertThat(retry.get("conversationId")).isEqualTo(first.get("conversationId"));
    assertThat(retry.get("replies")).isEqualTo(first.get("replies"));
    assertThat(storedMessages()).isEqualTo(stored);
  }

  @Test
  void anUnknownConversationIsRejectedAndNothingIsStored() throws Exception {
    int before = storedMessages();
    send("{\"conversationId\":\"3f1c0d2e-0000-0000-0000-000000000000\",\"text\":\"你好\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("error.conversation.unknown"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("对话")));
    assertThat(storedMessages()).isEqualTo(before);
  }

  @Test
  void emptyBlankAndOverLongMessagesAreRejectedAndNothingIsStored() throws Exception {
    int before = storedMessages();
    send("{\"text\":\"\"}").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.text.empty"));
    send("{\"text\":\"   \"}").andExpect(status().isBadRequest());
    send("{}").andExpect(status().isBadRequest());
    send("{\"text\":\"" + "问".repeat(2001) + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.text.tooLong"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("2,000")));
    assertThat(storedMessages()).isEqualTo(before);
  }

  @Test
  void aMessageOfExactlyTwoThousandCharactersIsAccepted() throws Exception {
    send("{\"text\":\"" + "津".repeat(2000) + "\"}").andExpect(status().isOk());
  }

  @Test
  void malformedJsonGetsAClearProblemAndNothingIsStored() throws Exception {
    int before = storedMessages();
    send("{\"text\": \"高龄津贴")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("error.json.malformed"))
        .andExpect(jsonPath("$.status").value(400));
    assertThat(storedMessages()).isEqualTo(before);
  }

  @Test
  void anUnsupportedChannelOrLanguageIsRejected() throws Exception {
    send("{\"text\":\"你好\",\"channel\":\"sms\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.channel.invalid"));
    send("{\"text\":\"你好\",\"lang\":\"fr\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("error.lang.invalid"));
  }

  @Test
  void errorsAreInEnglishWhenTheClientAsksForEnglish() throws Exception {
    mvc.perform(
            post("/api/chat/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "en")
                .content("{\"text\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("The message is empty. Please type your question."));
  }

  @Test
  void theHistoryOfAnUnknownConversationIsNotFound() throws Exception {
    mvc.perform(get("/api/chat/conversations/nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }
}
