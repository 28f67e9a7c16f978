package org.medinstruct.tasks;

import java.util.Locale;
import java.util.Map;

/**
 * Normalizes the free-text task type labels found in seeds and model output ("Rewrites", "Multiple
 * Choice Q&amp;A", "MCQ", "USMLE Style Q&amp;A" ...) to one canonical label per format. Unknown
 * labels come back stripped but otherwise unchanged.
 */
public final class TaskTypes {
  public static final String TEXT_GENERATION = "Text generation";
  public static final String OPEN_QA = "Open Q&A";
  public static final String CHAT = "Chat";
  public static final String REWRITE = "Rewrite";
  public static final String SUMMARIZATION = "Summarization";
  public static final String CLASSIFICATION = "Classification";
  public static final String USMLE = "USMLE-style Q&A";
  public static final String MULTIPLE_CHOICE = "Multiple-choice Q&A";
  public static final String SINGLE_HOP = "Single-hop reasoning";
  public static final String MULTI_HOP = "Multi-hop reasoning";

  /** The ten formats AlpaCare asks for, in the order of its prompt. */
  public static final java.util.List<String> ALL =
      java.util.List.of(
          TEXT_GENERATION,
          OPEN_QA,
          CHAT,
          REWRITE,
          SUMMARIZATION,
          CLASSIFICATION,
          USMLE,
          MULTIPLE_CHOICE,
          SINGLE_HOP,
          MULTI_HOP);

  // Keys are labels lower-cased with everything but letters removed ("Q&A" -> "qa").
  private static final Map<String, String> BY_KEY =
      Map.ofEntries(
          Map.entry("textgeneration", TEXT_GENERATION),
          Map.entry("generation", TEXT_GENERATION),
          Map.entry("textgen", TEXT_GENERATION),
          Map.entry("openqa", OPEN_QA),
          Map.entry("openendedqa", OPEN_QA),
          Map.entry("qa", OPEN_QA),
          Map.entry("openquestionanswering", OPEN_QA),
          Map.entry("questionanswering", OPEN_QA),
          Map.entry("chat", CHAT),
          Map.entry("conversation", CHAT),
          Map.entry("dialogue", CHAT),
          Map.entry("rewrite", REWRITE),
          Map.entry("rewrites", REWRITE),
          Map.entry("rewriting", REWRITE),
          Map.entry("rewritetask", REWRITE),
          Map.entry("summarization", SUMMARIZATION),
          Map.entry("summarizations", SUMMARIZATION),
          Map.entry("summarisation", SUMMARIZATION),
          Map.entry("summary", SUMMARIZATION),
          Map.entry("classification", CLASSIFICATION),
          Map.entry("classifications", CLASSIFICATION),
          Map.entry("classificationtask", CLASSIFICATION),
          Map.entry("usmle", USMLE),
          Map.entry("usmlestyleqa", USMLE),
          Map.entry("usmlestylequestion", USMLE),
          Map.entry("usmleqa", USMLE),
          Map.entry("usmlestylequestionanswering", USMLE),
          Map.entry("multiplechoiceqa", MULTIPLE_CHOICE),
          Map.entry("multiplechoice", MULTIPLE_CHOICE),
          Map.entry("multiplechoicequestion", MULTIPLE_CHOICE),
          Map.entry("multiplechoicequestions", MULTIPLE_CHOICE),
          Map.entry("mcq", MULTIPLE_CHOICE),
          Map.entry("mcqa", MULTIPLE_CHOICE),
          Map.entry("singlehopreasoning", SINGLE_HOP),
          Map.entry("singlehop", SINGLE_HOP),
          Map.entry("multihopreasoning", MULTI_HOP),
          Map.entry("multiplehopreasoning", MULTI_HOP),
          Map.entry("multihop", MULTI_HOP),
          Map.entry("multiplehop", MULTI_HOP));

  private TaskTypes() {}

  /** The canonical label, or the stripped input when unknown; null stays null. */
  public static String canonical(String label) {
    if (label == null) {
      return null;
    }
    StringBuilder key = new StringBuilder();
    for (char c : label.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        key.append(c);
      }
    }
    return BY_KEY.getOrDefault(key.toString(), label.strip());
  }

  public static boolean isMultipleChoice(String label) {
    return MULTIPLE_CHOICE.equals(canonical(label));
  }

  public static boolean isUsmle(String label) {
    return USMLE.equals(canonical(label));
  }
}
