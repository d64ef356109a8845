package org.linli.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linli.handoff.Actor;
import org.linli.handoff.HandoffService;
import org.linli.outbox.OutboxDispatcher;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A resident who asked for a person in WeChat gets the staff member's reply back in WeChat, as a
 * customer-service message through the outbox, once.
 */
class StaffReplyByWeChatTest extends WeChatTestBase {

  static final Actor WANG = new Actor("wang", "王师傅", "service", false);

  @Autowired HandoffService handoff;
  @Autowired OutboxDispatcher outbox;

  @Test
  void aStaffReplyReachesTheResidentInWeChatOnce() throws Exception {
    String openId = newOpenId();
    ok(WeChatRequests.plain(WeChatRequests.text(openId, "转人工", WeChatRequests.nextMsgId())));
    String number =
        jdbc.sql(
                "select w.number from work_order w join conversation c on c.id = w.conversation_id"
                    + " where c.channel = 'wechat' order by w.id desc fetch first 1 rows only")
            .query(String.class)
            .single();

    handoff.claim(WANG, number);
    handoff.reply(WANG, number, "您好，我是王师傅，明天上午来修。");
    outbox.dispatchDue();
    outbox.dispatchDue();

    assertThat(STUB.customerServiceMessages())
        .filteredOn(m -> m.body().contains("明天上午来修"))
        .singleElement()
        .satisfies(m -> assertThat(m.body()).contains("\"touser\":\"" + openId + "\""));
  }
}
