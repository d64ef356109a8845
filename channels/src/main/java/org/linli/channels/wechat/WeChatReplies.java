package org.linli.channels.wechat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.linli.accessibility.AccessProfile;
import org.linli.accessibility.Answer;
import org.linli.accessibility.Channel;
import org.linli.accessibility.Lang;
import org.linli.accessibility.Renderer;
import org.linli.accessibility.Rendering;
import org.linli.accessibility.SourceRef;
import org.linli.channels.ChannelMessages;
import org.linli.dialog.Reply;
import org.linli.dialog.TurnOutcome;

/**
 * A turn's replies as one WeChat text message: short paragraphs from the accessibility renderer,
 * the source named, and the options of the last reply numbered, because the dialogue reads a lone
 * digit as "the Nth option of my last reply" and typing a digit is the easiest answer on a phone.
 */
final class WeChatReplies {

  private final Renderer renderer = new Renderer();

  String text(TurnOutcome outcome) {
    Lang lang = outcome.lang() != null && "en".equals(outcome.lang().code()) ? Lang.EN : Lang.ZH;
    List<String> parts = new ArrayList<>();
    List<Reply> replies = outcome.replies();
    for (int i = 0; i < replies.size(); i++) {
      Reply reply = replies.get(i);
      boolean last = i == replies.size() - 1;
      Answer answer =
          new Answer(
              lang,
              reply.text(),
              "",
              List.of(),
              reply.sources().stream().map(s -> new SourceRef(s.docId(), s.title())).toList(),
              false);
      // The whole text: the dialogue already offers "more" as an option of its own.
      Rendering.TextRendering rendering =
          (Rendering.TextRendering)
              renderer.renderMore(answer, Channel.WECHAT, AccessProfile.STANDARD);
      StringBuilder part = new StringBuilder(rendering.fullText());
      if (last && !reply.options().isEmpty()) {
        part.append("\n");
        int n = 1;
        for (Reply.Option option : reply.options()) {
          part.append("\n").append(ChannelMessages.get(locale(lang), "wechat.option", n++, option.label()));
        }
      }
      if (!part.isEmpty()) {
        parts.add(part.toString());
      }
    }
    return String.join("\n\n", parts);
  }

  static Locale locale(Lang lang) {
    return lang == Lang.EN ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
  }
}
