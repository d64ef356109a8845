package org.linli.dialog;

import java.util.regex.Pattern;
import org.linli.dialog.nlu.Understanding;

/** Helpers of the problem-report form. */
final class ReportForm {

  // Words that announce a report without saying what is wrong ("我要报修", "I want to report").
  private static final Pattern GENERIC =
      Pattern.compile(
          "我要|我想|想要|要|帮我|请|麻烦|报修|保修|报事情|报个事|反映|反应|投诉|报告|举报|一下|个|有|问题|情况|事情|"
              + "i want to|i'd like to|please|report|a problem|an issue|problem|issue|to",
          Pattern.CASE_INSENSITIVE);

  /** The problem as the resident described it, or null when the message only asked to report. */
  static String describedProblem(Understanding u) {
    if (u == null) {
      return null;
    }
    String rest = GENERIC.matcher(u.normalized()).replaceAll("");
    rest = rest.replaceAll("[\\p{P}\\p{Z}\\s]", "");
    return rest.codePointCount(0, rest.length()) >= 2 ? u.masked() : null;
  }

  /** 13812345678 -> 138****5678, for reading a number back without exposing it. */
  static String maskPhone(String phone) {
    if (phone.length() < 7) {
      return "*".repeat(phone.length());
    }
    return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
  }

  private ReportForm() {}
}
