package org.linli.dialog.stories;

import java.util.ArrayList;
import java.util.List;
import org.linli.dialog.Channel;

/**
 * One scripted conversation. File format, one instruction per line:
 *
 * <pre>
 * ## title of the story           starts a story (a file may hold several)
 * channel: sms                    optional, default web
 * = pending=rating                set a state slot, as the application would
 * > 高龄津贴怎么申请               the resident says (or presses) this
 * &lt; intent: ask_policy            what the turn must show (see ConversationStoriesTest)
 * # a comment
 * </pre>
 */
record Story(String file, String title, Channel channel, List<Step> steps) {

  sealed interface Step {
    record Say(String text, int line) implements Step {}

    record Set(String slot, String value, int line) implements Step {}

    record Expect(String what, String argument, int line) implements Step {}
  }

  static List<Story> parse(String file, String text) {
    List<Story> stories = new ArrayList<>();
    String title = null;
    Channel channel = Channel.WEB;
    List<Step> steps = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int n = i + 1;
      if (line.startsWith("## ")) {
        if (title != null) {
          stories.add(new Story(file, title, channel, List.copyOf(steps)));
        }
        title = line.substring(3).strip();
        channel = Channel.WEB;
        steps = new ArrayList<>();
      } else if (line.isEmpty() || line.startsWith("#")) {
        continue;
      } else if (title == null) {
        throw new IllegalArgumentException(file + ":" + n + ": a story starts with '## title'");
      } else if (line.startsWith("channel:")) {
        channel = ConversationStoriesTest.channel(line.substring(8).strip());
      } else if (line.startsWith("> ")) {
        steps.add(new Step.Say(line.substring(2), n));
      } else if (line.startsWith("= ")) {
        String[] kv = line.substring(2).split("=", 2);
        steps.add(new Step.Set(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "", n));
      } else if (line.startsWith("< ")) {
        String body = line.substring(2);
        int colon = body.indexOf(':');
        String what = (colon < 0 ? body : body.substring(0, colon)).strip();
        String arg = colon < 0 ? "" : body.substring(colon + 1).strip();
        steps.add(new Step.Expect(what, arg, n));
      } else {
        throw new IllegalArgumentException(file + ":" + n + ": cannot read '" + line + "'");
      }
    }
    if (title != null) {
      stories.add(new Story(file, title, channel, List.copyOf(steps)));
    }
    return stories;
  }
}
