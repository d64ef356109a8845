package org.linli.wechat;

import org.linli.privacy.ClearValues;
import org.springframework.stereotype.Component;

/** WeChat place labels stored in clear before V91; the media job repeats this. */
@Component
class WeChatLabelEncryption implements ClearValues {

  private final WeChatEvidence evidence;

  WeChatLabelEncryption(WeChatEvidence evidence) {
    this.evidence = evidence;
  }

  @Override
  public String name() {
    return "wechat_labels";
  }

  @Override
  public int seal() {
    return evidence.encryptLegacyLabels();
  }
}
