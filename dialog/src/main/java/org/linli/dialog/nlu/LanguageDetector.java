package org.linli.dialog.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.linli.knowledge.Lang;

/**
 * Decides whether a resident wrote (or spoke) Chinese or English, so that the answer comes back in
 * the same language.
 *
 * <p>Script decides first, because OpenNLP's language detector is useless on the short messages
 * residents send (it calls 谢谢 Turkish with a top confidence of about 0.02). Han characters are
 * weighed against Latin words (a Chinese word is about 1.7 characters): a message that is clearly
 * one or the other by script is decided without the model. A short mixed message is English when
 * English grammar words frame it ("I live in 幸福小区"), otherwise Chinese with loanwords ("wifi坏了"). Only a long message whose script is mixed goes to the model (OpenNLP {@code langdetect-183.bin}); its Chinese-family predictions
 * (cmn, zho, yue, wuu, ...) mean Chinese, English means English, and any other prediction falls back
 * to the script weights. A Latin-script message in another language (French, pinyin, ...) is
 * answered in English, the only Latin-script language Linli speaks. Messages with no letters at all
 * (key presses, digits, emoji) keep the hint, or Chinese.
 *
 * <p>Thread-safe: the model is loaded once; each thread has its own detector.
 */
public final class LanguageDetector {

  /** Mixed-script messages shorter than this are decided by script, not by the model. */
  static final int MODEL_MIN_CHARS = 24;

  private static final double HAN_CHARS_PER_WORD = 1.7;
  private static final Set<String> CHINESE_CODES =
      Set.of("cmn", "zho", "yue", "wuu", "lzh", "nan", "hak", "gan", "hsn", "cdo", "zh");
  private static final java.util.regex.Pattern EN_FUNCTION_WORD =
      java.util.regex.Pattern.compile(
          "(?<![a-z])(?:i|i'm|you|my|me|we|our|the|a|an|is|are|am|was|in|at|on|to|of|for|and|can|"
              + "could|please|it|it's|this|that|there|what|how|where|when|do|does|have|has|with|not)"
              + "(?![a-z'])");
  private static final Set<String> ENGLISH_CODES = Set.of("eng", "en", "sco");

  private static final class ModelHolder {
    static final LanguageDetectorModel MODEL = load();

    private static LanguageDetectorModel load() {
      try (InputStream in = LanguageDetector.class.getResourceAsStream("/langdetect-183.bin")) {
        if (in == null) {
          throw new IllegalStateException(
              "langdetect-183.bin is not on the classpath (org.apache.opennlp:opennlp-models-langdetect)");
        }
        return new LanguageDetectorModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the OpenNLP language detector model", e);
      }
    }
  }

  private final ThreadLocal<LanguageDetectorME> detector =
      ThreadLocal.withInitial(() -> new LanguageDetectorME(ModelHolder.MODEL));

  /** Chinese or English, with Chinese as the default for messages without letters. */
  public Lang detect(String text) {
    return detect(text, null);
  }

  /**
   * Chinese or English. {@code hint} (the conversation's language so far, or the channel's) decides
   * messages that carry no evidence, such as "0", "123456" or "👍"; may be null.
   */
  public Lang detect(String text, Lang hint) {
    Lang fallback = hint == null ? Lang.ZH : hint;
    if (text == null || text.isBlank()) {
      return fallback;
    }
    int han = 0;
    int latinWords = 0;
    int latinLetters = 0;
    boolean inLatinWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (script == Character.UnicodeScript.HAN) {
        han++;
        inLatinWord = false;
      } else if (script == Character.UnicodeScript.LATIN && Character.isLetter(cp)) {
        latinLetters++;
        if (!inLatinWord) {
          latinWords++;
        }
        inLatinWord = true;
      } else {
        inLatinWord = Character.isLetter(cp) && inLatinWord;
      }
    }
    if (han == 0 && latinWords == 0) {
      return fallback;
    }
    if (latinWords == 0) {
      return Lang.ZH;
    }
    if (han == 0) {
      return Lang.EN;
    }
    double zhWords = han / HAN_CHARS_PER_WORD;
    if (zhWords >= 2 * latinWords) {
      return Lang.ZH;
    }
    if (latinWords >= 2 * zhWords) {
      return Lang.EN;
    }
    if (han + latinLetters >= MODEL_MIN_CHARS) {
      Lang byModel = byModel(text);
      if (byModel != null) {
        return byModel;
      }
    }
    // Short and mixed: English grammar words frame an English sentence around a Chinese name
    // ("I live in 幸福小区"); without them the English words are loanwords in a Chinese sentence
    // ("wifi坏了", "我要check status").
    return EN_FUNCTION_WORD.matcher(text.toLowerCase(java.util.Locale.ROOT)).find() ? Lang.EN : Lang.ZH;
  }

  /** The model's verdict mapped to zh/en, or null when it names neither with some confidence. */
  private Lang byModel(String text) {
    double zh = 0;
    double en = 0;
    for (Language language : detector.get().predictLanguages(text)) {
      if (CHINESE_CODES.contains(language.getLang())) {
        zh += language.getConfidence();
      } else if (ENGLISH_CODES.contains(language.getLang())) {
        en += language.getConfidence();
      }
    }
    if (zh == en) {
      return null;
    }
    return zh > en ? Lang.ZH : Lang.EN;
  }
}
