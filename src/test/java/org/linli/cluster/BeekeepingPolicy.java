package org.linli.cluster;

/**
 * A policy document that is not in the bundled demo knowledge base, for the tests in which an
 * administrator uploads it through one node and residents ask about it on another.
 */
public final class BeekeepingPolicy {

  public static final String ID = "community-beekeeping-subsidy";

  public static final String FILE_NAME = ID + ".md";

  public static final String TEXT =
      """
      ---
      id: community-beekeeping-subsidy
      title: 社区养蜂补贴
      department: 农业农村局
      category: 补贴
      tags: [养蜂, 养蜂补贴, 蜜蜂, 蜂箱]
      synonyms: [蜂箱补贴, 养蜜蜂]
      effective: 2024-01-01
      lang: zh
      source: https://example.gov.cn/policy/community-beekeeping-subsidy
      ---
      ## 一句话说明
      在本社区登记养蜂的居民，每个蜂箱每年可以领取200元养蜂补贴。

      ## 怎么办理
      带身份证到社区服务中心登记蜂箱数量，审核通过后补贴打到社保卡。
      """;

  private BeekeepingPolicy() {}
}
