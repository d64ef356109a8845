package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linli.channels.wechat.CustomerServiceWindow;
import org.linli.channels.wechat.WeChatMenu;
import org.springframework.beans.factory.annotation.Autowired;

/** What a resident sees in WeChat for each kind of message, in plain, compatible and safe mode. */
class WeChatMessagesTest extends WeChatTestBase {

  @Autowired CustomerServiceWindow window;
  @Autowired org.linli.privacy.PersonalData personalData;

  @Test
  void aQuestionInPlainModeIsAnsweredPassivelyWithItsSource() throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String xml = ok(WeChatRequests.plain(WeChatRequests.text(openId, "高龄津贴怎么申请", msgId)));

    assertThat(WeChatRequests.element(xml, "ToUserName")).isEqualTo(openId);
    assertThat(WeChatRequests.element(xml, "FromUserName")).isEqualTo(WeChatRequests.ACCOUNT);
    assertThat(WeChatRequests.element(xml, "MsgType")).isEqualTo("text");
    assertThat(WeChatRequests.replyText(xml)).contains("高龄津贴").contains("来源");
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
  }

  @Test
  void aQuestionInSafeModeIsAnsweredEncrypted() throws Exception {
    String openId = newOpenId();
    String xml =
        ok(
            WeChatRequests.encrypted(
                WeChatRequests.text(openId, "高龄津贴怎么申请", WeChatRequests.nextMsgId()), false));

    assertThat(WeChatRequests.element(xml, "Content")).isNull();
    assertThat(WeChatRequests.decryptedReplyText(xml)).contains("高龄津贴");
  }

  @Test
  void aQuestionInCompatibleModeIsReadFromTheCiphertextAndAnsweredEncrypted() throws Exception {
    String openId = newOpenId();
    String xml =
        ok(
            WeChatRequests.encrypted(
                WeChatRequests.text(openId, "低保怎么申请", WeChatRequests.nextMsgId()), true));

    assertThat(WeChatRequests.decryptedReplyText(xml)).contains("低保");
  }

  @Test
  void aNumberedOptionCanBeChosenByTypingItsDigit() throws Exception {
    String openId = newOpenId();
    String first =
        WeChatRequests.replyText(
            ok(WeChatRequests.plain(WeChatRequests.text(openId, "高龄津贴怎么申请", WeChatRequests.nextMsgId()))));
    assertThat(first).contains("回复 1：");

    String second =
        WeChatRequests.replyText(
            ok(WeChatRequests.plain(WeChatRequests.text(openId, "1", WeChatRequests.nextMsgId()))));
    assertThat(second).isNotBlank().isNotEqualTo(first);
  }

  @Test
  void aVoiceMessageIsAnsweredFromWeChatsTranscript() throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String reply =
        WeChatRequests.replyText(
            ok(WeChatRequests.plain(WeChatRequests.voice(openId, "高龄津贴怎么申请。", msgId))));

    assertThat(reply).contains("高龄津贴");
    assertThat(inbound(String.valueOf(msgId))).isEqualTo(1);
  }

  @Test
  void aVoiceMessageWithoutTranscriptGetsAKindAnswerWithTheMenuAndAPhoneNumber() throws Exception {
    String openId = newOpenId();
    long msgId = WeChatRequests.nextMsgId();
    String reply =
        WeChatRequests.replyText(ok(WeChatRequests.plain(WeChatRequests.voice(openId, null, msgId))));

    assertThat(reply).contains("没听清").contains("菜单").contains("12345");
    assertThat(inbound(String.valueOf(msgId))).isZero();
  }

  @Test
  void aPlaceSentDuringAReportIsTakenAsWhereAndKeptAsEvidence() throws Exception {
    String openId = newOpenId();
    String asked =
        WeChatRequests.replyText(
            ok(WeChatRequests.plain(WeChatRequests.text(openId, "路灯坏了，晚上很黑", WeChatRequests.nextMsgId()))));
    assertThat(asked).contains("什么地方");

    long msgId = WeChatRequests.nextMsgId();
    String next =
        WeChatRequests.replyText(
            ok(WeChatRequests.plain(WeChatRequests.location(openId, "幸福小区3号楼", msgId))));

    assertThat(next).contains("电话");
    Map<String, Object> evidence =
        jdbc.sql("select * from wechat_evidence where external_id = ?")
            .param(String.valueOf(msgId))
            .query()
            .singleRow();
    assertThat(row(evidence, "kind")).isEqualTo("location");
    // the label is an address: stored encrypted, never in clear
    assertThat(row(evidence, "label")).isNull();
    assertThat((String) row(evidence, "label_enc")).isNotBlank().doesNotContain("幸福小区");
    assertThat(((Number) row(evidence, "latitude")).doubleValue()).isEqualTo(31.2304);
    assertThat(row(evidence, "conversation_id"))
        .isEqualTo(
            jdbc.sql("select conversation_id from message where external_id = ?")
                .param(String.valueOf(msgId))
                .query(String.class)
                .single());
    // the place arrives in the conversation as text, and is kept only encrypted like any message
    var message =
        jdbc.sql("select text, text_enc from message where external_id = ?")
            .param(String.valueOf(msgId))
            .query()
            .singleRow();
    assertThat(message.get("text")).isNull();
    assertThat((String) message.get("text_enc")).isNotBlank().doesNotContain("幸福小区");
    assertThat(personalData.decrypt((String) message.get("text_enc"))).isEqualTo("[位置] 幸福小区3号楼");
  }

  @Test
  void aPhotoIsKeptAsEvidenceWithTheConversation() throws Exception {
    String openId = newOpenId();
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "楼道里的灯坏了", WeChatRequests.nextMsgId())));
    long msgId = WeChatRequests.nextMsgId();
    String reply = ok(WeChatRequests.plain(WeChatRequests.image(openId, msgId)));

    assertThat(reply).isNotBlank();
    Map<String, Object> evidence =
        jdbc.sql("select * from wechat_evidence where external_id = ?")
            .param(String.valueOf(msgId))
            .query()
            .singleRow();
    assertThat(row(evidence, "kind")).isEqualTo("image");
    assertThat(row(evidence, "media_id")).isEqualTo("image-media-1");
    assertThat(row(evidence, "pic_url")).isEqualTo("http://mmbiz.example/pic1.jpg");
  }

  @Test
  void followingTheAccountGetsAShortPlainWelcomeAndOpensTheWindow() throws Exception {
    String openId = newOpenId();
    String reply =
        WeChatRequests.replyText(
            ok(WeChatRequests.plain(WeChatRequests.event(openId, "subscribe", null, 1700000001L))));

    assertThat(reply).contains("欢迎").contains("问政策");
    assertThat(reply.codePointCount(0, reply.length())).isLessThan(100);
    assertThat(window.status(openId).state()).isEqualTo(CustomerServiceWindow.State.OPEN);
  }

  @Test
  void unfollowingIsRecordedAndNothingIsSaid() throws Exception {
    String openId = newOpenId();
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "你好", WeChatRequests.nextMsgId())));
    int before = wechatMessages();

    String answer =
        ok(WeChatRequests.plain(WeChatRequests.event(openId, "unsubscribe", null, 1700000002L)));

    assertThat(answer).isEqualTo("success");
    assertThat(wechatMessages()).isEqualTo(before);
    assertThat(window.status(openId).state()).isEqualTo(CustomerServiceWindow.State.UNSUBSCRIBED);
  }

  @Test
  void aMenuClickWorksLikeChoosingTheOption() throws Exception {
    String openId = newOpenId();
    String report =
        WeChatRequests.replyText(
            ok(WeChatRequests.plain(WeChatRequests.event(openId, "CLICK", WeChatMenu.REPORT, 1700000003L))));
    assertThat(report).contains("什么问题");

    String person =
        WeChatRequests.replyText(
            ok(WeChatRequests.plain(WeChatRequests.event(newOpenId(), "CLICK", WeChatMenu.PERSON, 1700000004L))));
    assertThat(person).contains("工作人员");
  }

  @Test
  void aKindOfMessageTheAssistantCannotReadGetsAPoliteAnswer() throws Exception {
    String openId = newOpenId();
    String reply =
        WeChatRequests.replyText(
            ok(
                WeChatRequests.plain(
                    WeChatRequests.message(
                        openId,
                        "video",
                        "<MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>",
                        WeChatRequests.nextMsgId()))));

    assertThat(reply).contains("看不了").contains("12345");
  }

  private static Object row(Map<String, Object> row, String column) {
    return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
  }
}
