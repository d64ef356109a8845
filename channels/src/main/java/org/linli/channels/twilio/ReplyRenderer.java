package org.linli.channels.twilio;

import java.util.ArrayList;
import java.util.List;
import org.linli.accessibility.AccessProfile;
import org.linli.accessibility.Answer;
import org.linli.accessibility.Channel;
import org.linli.accessibility.Choice;
import org.linli.accessibility.Lang;
import org.linli.accessibility.Renderer;
import org.linli.accessibility.Rendering;
import org.linli.accessibility.SourceRef;
import org.linli.dialog.Reply;

/**
 * Renders the dialogue's replies for SMS and voice through the accessibility module, keeping the
 * numbers the resident presses or replies with the same as the dialogue's.
 *
 * <p>The dialogue maps a lone digit N to option N of its last reply; the renderer numbers choices
 * 1..k, then "more", and keeps 0 for a person. So the {@code @person} option becomes the
 * renderer's key 0 (the dialogue hears "0" as a request for a person anyway), a {@code @more:…}
 * option that follows the other choices becomes the renderer's "more" key, and every other option
 * is a choice in the dialogue's order. A reply without a "more" option is rendered whole, so the
 * renderer never offers a "more" key the dialogue would not understand.
 */
final class ReplyRenderer {

  private static final String PERSON = "@person";
  private static final String MORE = "@more:";

  private final Renderer renderer = new Renderer();

  /** The SMS text of one reply; the first answer within two segments. */
  String sms(Reply reply, Lang lang) {
    Mapped m = map(reply, lang);
    Rendering r =
        m.hasMore()
            ? renderer.render(m.answer(), Channel.SMS, AccessProfile.STANDARD)
            : renderer.renderMore(m.answer(), Channel.SMS, AccessProfile.STANDARD);
    return ((Rendering.SmsRendering) r).body();
  }

  /** Short spoken sentences of one reply, for an elder profile made {@code slower} steps slower. */
  Rendering.VoiceRendering voice(Reply reply, Lang lang, AccessProfile profile) {
    Mapped m = map(reply, lang);
    Rendering r =
        m.hasMore()
            ? renderer.render(m.answer(), Channel.VOICE, profile)
            : renderer.renderMore(m.answer(), Channel.VOICE, profile);
    return (Rendering.VoiceRendering) r;
  }

  /** Plain text in spoken form (numbers read digit by digit where a listener needs it). */
  Rendering.VoiceRendering voiceText(String text, Lang lang, AccessProfile profile) {
    return (Rendering.VoiceRendering)
        renderer.renderMore(Answer.of(lang, text), Channel.VOICE, profile);
  }

  private record Mapped(Answer answer, boolean hasMore) {}

  private static Mapped map(Reply reply, Lang lang) {
    List<Choice> choices = new ArrayList<>();
    boolean person = false;
    String more = null;
    List<Reply.Option> options = reply.options();
    for (int i = 0; i < options.size(); i++) {
      Reply.Option o = options.get(i);
      if (PERSON.equals(o.value()) && i == options.size() - 1) {
        person = true;
      } else if (o.value().startsWith(MORE) && more == null && isLastBeforePerson(options, i)) {
        more = o.label();
      } else {
        choices.add(new Choice(o.label(), o.value()));
      }
    }
    List<SourceRef> sources =
        reply.sources().stream().map(s -> new SourceRef(s.docId(), s.title())).toList();
    // The detail text is never shown in a first rendering; it only makes the renderer offer "more",
    // which the dialogue then answers with the document's detail.
    String detail = more == null ? "" : more;
    return new Mapped(new Answer(lang, reply.text(), detail, choices, sources, person), more != null);
  }

  private static boolean isLastBeforePerson(List<Reply.Option> options, int i) {
    return i == options.size() - 1
        || (i == options.size() - 2 && PERSON.equals(options.getLast().value()));
  }

  static Lang lang(org.linli.knowledge.Lang lang) {
    return lang == org.linli.knowledge.Lang.EN ? Lang.EN : Lang.ZH;
  }
}
