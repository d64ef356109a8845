package org.linli.accessibility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.linli.accessibility.Rendering.KioskRendering;
import org.linli.accessibility.Rendering.SmsRendering;
import org.linli.accessibility.Rendering.TextRendering;
import org.linli.accessibility.Rendering.VoiceRendering;
import org.linli.accessibility.sms.Segmentation;
import org.linli.accessibility.sms.SmsSegmenter;
import org.linli.accessibility.spoken.SpokenForm;

/**
 * Renders one channel-neutral {@link Answer} for one channel and one {@link AccessProfile}.
 *
 * <p>Everywhere the short form comes first, limited by the profile; what does not fit, and the
 * answer's detail, is offered behind a "more" option and rendered by {@link #renderMore}. Options
 * are numbered for keys on SMS ("回复1…") and voice ("按1…"), buttons elsewhere; more choices than
 * the profile allows become a "more choices" option. Links are kept on WeChat, web and kiosk, and
 * on SMS and voice replaced by how to get them ("回复2获取链接"). Key 0 is always a person.
 *
 * <p>Thread-safe and cheap: make one and share it.
 */
public final class Renderer {

  /** Value of the "more detail" option: render the answer again with {@link #renderMore}. */
  public static final String ACTION_MORE = "more";
  /** Value of the "more choices" option: show the choices the profile's maximum left out. */
  public static final String ACTION_MORE_CHOICES = "more-choices";
  /** Value of the "person" option, always key 0. */
  public static final String ACTION_PERSON = "person";
  /** Prefix of a "send me the link" option's value; the URL follows. */
  public static final String ACTION_LINK = "link:";

  private static final int SMS_FIRST_SEGMENTS = 2;
  private static final int SMS_MORE_SEGMENTS = 10;
  private static final int MAX_LINK_KEYS = 2;
  private static final int TEXT_PARAGRAPH_SENTENCES = 2;

  private static final Pattern MD_BOLD = Pattern.compile("(\\*\\*|__)(.+?)\\1");
  private static final Pattern MD_HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s*(.*?)\\s*$");
  private static final Pattern MD_LIST = Pattern.compile("(?m)^\\s*[-*+•]\\s+");
  private static final Pattern MD_LINK = Pattern.compile("\\[([^\\]]+)]\\((\\S+?)\\)");
  private static final Pattern TABLE_RULE = Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}.*$\\n?");
  private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\s*\\|(.*)\\|\\s*$");
  private static final Pattern SPACE_BEFORE_ZH_PUNCT = Pattern.compile("[ \\t]+([。，！？；：、）])");
  private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

  private final Map<String, String> abbreviations;

  /** A renderer that expands no abbreviations. */
  public Renderer() {
    this(Map.of());
  }

  /**
   * @param abbreviations abbreviation to full form (医保 -> 医疗保险), from the knowledge base's
   *     synonym list; spoken forms read the full form on first mention
   */
  public Renderer(Map<String, String> abbreviations) {
    this.abbreviations = Map.copyOf(abbreviations);
  }

  /** The first rendering of an answer: short form first. */
  public Rendering render(Answer answer, Channel channel, AccessProfile profile) {
    return render(answer, channel, profile, false);
  }

  /**
   * The answer in full (short text and detail), for when the resident chose {@link #ACTION_MORE}.
   */
  public Rendering renderMore(Answer answer, Channel channel, AccessProfile profile) {
    return render(answer, channel, profile, true);
  }

  private Rendering render(Answer answer, Channel channel, AccessProfile profile, boolean full) {
    Lang lang = answer.lang();
    List<String> sentences = Sentences.split(clean(full ? answer.fullText() : answer.shortText()));
    List<String> first = full ? sentences : firstForm(sentences, profile, lang);
    List<String> overflow = sentences.subList(first.size(), sentences.size());
    boolean hasMore = !full && (!overflow.isEmpty() || answer.hasDetail());
    Parts parts = new Parts(answer, profile, first, overflow, hasMore);
    return switch (channel) {
      case WECHAT, WEB -> text(parts, channel);
      case SMS -> sms(parts, full);
      case VOICE -> voice(parts);
      case KIOSK -> kiosk(parts);
    };
  }

  /** What every channel starts from: the sentences of the first form and the numbered options. */
  private record Parts(
      Answer answer, AccessProfile profile, List<String> first, List<String> overflow, boolean hasMore) {
    Lang lang() {
      return answer.lang();
    }

    List<Choice> choices() {
      List<Choice> all = answer.choices();
      int max = profile.maxChoices();
      if (all.size() <= max) {
        return all;
      }
      List<Choice> shown = new ArrayList<>(all.subList(0, max - 1));
      shown.add(new Choice(Messages.get(lang(), "more.choices"), ACTION_MORE_CHOICES));
      return shown;
    }
  }

  private static List<String> firstForm(List<String> sentences, AccessProfile profile, Lang lang) {
    List<String> first = new ArrayList<>();
    // The limit is set in Chinese characters; English needs about three letters for each.
    int maxChars = lang == Lang.EN ? profile.firstFormMaxChars() * 3 : profile.firstFormMaxChars();
    int chars = 0;
    for (String s : sentences) {
      int len = s.codePointCount(0, s.length());
      if (!first.isEmpty()
          && (first.size() >= profile.firstFormMaxSentences() || chars + len > maxChars)) {
        break;
      }
      first.add(s);
      chars += len;
    }
    return first;
  }

  // ---- WeChat and web ----

  private TextRendering text(Parts p, Channel channel) {
    Lang lang = p.lang();
    List<String> paragraphs = new ArrayList<>();
    for (int i = 0; i < p.first().size(); i += TEXT_PARAGRAPH_SENTENCES) {
      paragraphs.add(Sentences.join(
          p.first().subList(i, Math.min(p.first().size(), i + TEXT_PARAGRAPH_SENTENCES)), lang));
    }
    if (!p.answer().sources().isEmpty()) {
      paragraphs.add(sourcesLine(p.answer(), "source.text"));
    }
    Map<String, String> keys = new LinkedHashMap<>();
    List<Choice> buttons = new ArrayList<>(p.choices());
    if (p.hasMore()) {
      buttons.add(new Choice(Messages.get(lang, "more.button"), ACTION_MORE));
    }
    int n = 1;
    for (Choice c : buttons) {
      keys.put(String.valueOf(n++), c.value());
    }
    if (p.answer().needsPerson()) {
      buttons.add(new Choice(Messages.get(lang, "person.button"), ACTION_PERSON));
      keys.put("0", ACTION_PERSON);
    }
    return new TextRendering(channel, paragraphs, buttons, p.answer().sources(), keys);
  }

  // ---- SMS ----

  private SmsRendering sms(Parts p, boolean full) {
    Lang lang = p.lang();
    Map<String, String> keys = new LinkedHashMap<>();
    List<String> optionLines = new ArrayList<>();
    int n = 1;
    for (Choice c : p.choices()) {
      String key = String.valueOf(n++);
      keys.put(key, c.value());
      optionLines.add(Messages.get(lang, "option.sms", key, inSentence(c.label(), lang)));
    }
    // Links: replaced in the text by how to get them.
    int[] next = {n};
    String head = linkKeys(Sentences.join(p.first(), lang), keys, next, "link.sms", lang);
    n = next[0];
    String sources = p.answer().sources().isEmpty() ? "" : sourcesLine(p.answer(), "source.sms");
    String moreKey = null;
    if (p.hasMore()) {
      moreKey = String.valueOf(n++);
    }
    String body = smsBody(head, sources, optionLines, moreKey, p, lang);
    int maxSegments = full ? SMS_MORE_SEGMENTS : SMS_FIRST_SEGMENTS;
    if (SmsSegmenter.segmentCount(body) > maxSegments) {
      if (full) {
        // Already the whole answer: cut at a sentence; a person can tell the rest (key 0).
        body = SmsSegmenter.firstAnswer(head, smsBody("", sources, optionLines, null, p, lang), maxSegments,
            Messages.get(lang, "sms.truncated"));
      } else {
        if (moreKey == null) {
          moreKey = String.valueOf(n);
        }
        String tail = smsBody("", sources, optionLines, moreKey, p, lang);
        body = SmsSegmenter.firstAnswer(head, tail, maxSegments, "");
      }
    }
    if (moreKey != null) {
      keys.put(moreKey, ACTION_MORE);
    }
    if (p.answer().needsPerson()) {
      keys.put("0", ACTION_PERSON);
    }
    Segmentation seg = SmsSegmenter.segment(body.strip());
    return new SmsRendering(seg.segments(), seg.encoding(), seg.count(), keys);
  }

  private static String smsBody(
      String head, String sources, List<String> options, String moreKey, Parts p, Lang lang) {
    StringBuilder sb = new StringBuilder(head);
    if (!sources.isEmpty()) {
      sb.append(lang == Lang.EN ? " " : "").append(sources);
    }
    for (String o : options) {
      sb.append('\n').append(o);
    }
    if (moreKey != null) {
      sb.append('\n').append(Messages.get(lang, "more.sms", moreKey));
    }
    if (p.answer().needsPerson()) {
      sb.append('\n').append(Messages.get(lang, "person.sms"));
    }
    return sb.toString();
  }

  /** Replaces each URL by "回复N获取链接" / "按N…" and records key N; only the first few get keys. */
  private static String linkKeys(String text, Map<String, String> keys, int[] next, String messageKey, Lang lang) {
    String linkWords = Messages.get(lang, "link.words");
    return Sentences.replaceUrls(text, url -> {
      if (keys.containsValue(ACTION_LINK + url)) {
        return linkWords;
      }
      if (keys.values().stream().filter(v -> v.startsWith(ACTION_LINK)).count() >= MAX_LINK_KEYS) {
        return linkWords;
      }
      String key = String.valueOf(next[0]++);
      keys.put(key, ACTION_LINK + url);
      String how = Messages.get(lang, messageKey, key);
      return lang == Lang.ZH ? "（" + how + "）" : "(" + how + ")";
    });
  }

  // ---- voice ----

  private VoiceRendering voice(Parts p) {
    Lang lang = p.lang();
    AccessProfile profile = p.profile();
    Map<String, String> keys = new LinkedHashMap<>();
    List<String> options = new ArrayList<>();
    int n = 1;
    for (Choice c : p.choices()) {
      String key = String.valueOf(n++);
      keys.put(key, c.value());
      options.add(Messages.get(lang, "option.voice", key, spoken(lang, stripEnd(inSentence(c.label(), lang)))));
    }
    String firstText = Sentences.join(p.first(), lang);
    List<String> links = Sentences.urls(firstText);
    String spokenText = spoken(lang, firstText);
    List<String> sentences = new ArrayList<>();
    for (String s : Sentences.split(spokenText)) {
      sentences.addAll(Sentences.shorten(s, lang, profile.maxSentenceChars(), profile.maxSentenceWords()));
    }
    if (!p.answer().sources().isEmpty()) {
      sentences.add(Messages.get(lang, "source.voice", p.answer().sources().get(0).title()));
    }
    sentences.addAll(options);
    if (p.hasMore()) {
      String key = String.valueOf(n++);
      keys.put(key, ACTION_MORE);
      sentences.add(Messages.get(lang, "more.voice", key));
    }
    for (String url : links.stream().distinct().limit(MAX_LINK_KEYS).toList()) {
      String key = String.valueOf(n++);
      keys.put(key, ACTION_LINK + url);
      sentences.add(Messages.get(lang, "link.voice", key));
    }
    if (p.answer().needsPerson()) {
      keys.put("0", ACTION_PERSON);
      sentences.add(Messages.get(lang, "person.voice"));
    }
    return new VoiceRendering(sentences, profile.speechRate(), ssml(sentences, profile), keys);
  }

  private String spoken(Lang lang, String text) {
    return lang == Lang.ZH
        ? SpokenForm.zh(text, abbreviations, Messages.get(lang, "link.words"))
        : SpokenForm.en(text, abbreviations, Messages.get(lang, "link.words"));
  }

  /** "How to apply" reads "Press 1 for how to apply"; acronyms (ID card) keep their capitals. */
  private static String inSentence(String label, Lang lang) {
    if (lang != Lang.EN || label.length() < 2
        || !Character.isUpperCase(label.charAt(0)) || !Character.isLowerCase(label.charAt(1))) {
      return label;
    }
    return Character.toLowerCase(label.charAt(0)) + label.substring(1);
  }

  private static String stripEnd(String label) {
    return label.strip().replaceAll("[。.!！?？]+$", "");
  }

  private static String ssml(List<String> sentences, AccessProfile profile) {
    StringBuilder sb = new StringBuilder();
    boolean prosody = Math.abs(profile.speechRate() - 1.0) > 0.001;
    if (prosody) {
      sb.append("<prosody rate=\"").append(profile.prosodyRate()).append("\">");
    }
    for (String s : sentences) {
      sb.append("<s>").append(xml(s)).append("</s>");
    }
    if (prosody) {
      sb.append("</prosody>");
    }
    return sb.toString();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  // ---- kiosk ----

  private KioskRendering kiosk(Parts p) {
    Lang lang = p.lang();
    String shortForm = Sentences.join(p.first(), lang);
    String detail = "";
    if (p.hasMore()) {
      detail = Sentences.join(p.overflow(), lang);
      if (p.answer().hasDetail()) {
        String d = clean(p.answer().detail());
        detail = detail.isEmpty() ? d : detail + "\n" + d;
      }
    }
    List<Choice> buttons = new ArrayList<>(p.choices());
    if (p.answer().needsPerson()) {
      buttons.add(new Choice(Messages.get(lang, "person.button"), ACTION_PERSON));
    }
    return new KioskRendering(shortForm, detail, buttons, p.answer().sources(),
        spoken(lang, shortForm), p.profile().offersPictures());
  }

  // ---- shared ----

  private static String sourcesLine(Answer a, String key) {
    List<String> titles = a.sources().stream().map(SourceRef::title).distinct().toList();
    String sep = a.lang() == Lang.ZH ? "》《" : "; ";
    return Messages.get(a.lang(), key, String.join(sep, titles));
  }

  /**
   * Removes markup a plain-text client would show raw: Markdown emphasis, headings, list markers,
   * links (kept as "text url"), tables (rows become "a，b"), HTML tags.
   */
  static String clean(String text) {
    String t = text.replace("\r\n", "\n");
    t = HTML_TAG.matcher(t).replaceAll("");
    t = MD_LINK.matcher(t).replaceAll("$1 $2");
    t = MD_BOLD.matcher(t).replaceAll("$2");
    // A heading becomes a lead-in ("办理材料：") so it is not run into the next sentence.
    t = MD_HEADING.matcher(t).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(
        r.group(1).isEmpty() ? "" : r.group(1) + (r.group(1).codePoints().anyMatch(cp -> cp >= 0x2E80) ? "：" : ":")));
    t = TABLE_RULE.matcher(t).replaceAll("");
    t = TABLE_ROW.matcher(t).replaceAll(r -> {
      String[] cells = r.group(1).split("\\|");
      List<String> kept = new ArrayList<>();
      for (String c : cells) {
        if (!c.isBlank()) {
          kept.add(c.strip());
        }
      }
      boolean zh = kept.stream().anyMatch(c -> c.codePoints().anyMatch(cp -> cp >= 0x2E80));
      return java.util.regex.Matcher.quoteReplacement(String.join(zh ? "，" : ", ", kept) + (zh ? "。" : "."));
    });
    t = MD_LIST.matcher(t).replaceAll("");
    t = SPACE_BEFORE_ZH_PUNCT.matcher(t).replaceAll("$1");
    return t.strip();
  }
}
