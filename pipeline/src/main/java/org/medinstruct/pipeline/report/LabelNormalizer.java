package org.medinstruct.pipeline.report;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds the free-text labels GPT-4 writes (and the seed tasks use) into one spelling per label, so
 * "Text generation" and "Text Generation" count as one bar.
 *
 * <p>Rules, in order: trim; collapse whitespace; hyphens, underscores and slashes become spaces;
 * compare case-insensitively. For task types and views, also drop a trailing "task", "view",
 * "perspective" or "'s perspective", drop a parenthesised suffix ("Student (Medicine)" =
 * "Student"), and singularise the last word ("Rewrites" = "Rewrite", "Medical Students" = "Medical
 * Student"). Task types then map onto the AlpaCare format names through a fixed synonym table
 * ("Rewriting" = "Rewrite", "Multiple choice Q&amp;A" = "Multiple-choice Q&amp;A", "Multiple-hop
 * reasoning" = "Multi-hop Reasoning" ...). Anything else is shown in title case, keeping words with
 * an inner capital or a digit ("COVID-19", "USMLE", "Q&amp;A") as written. Topics get only the case
 * and spacing rules. Counting groups by {@link #key} of the result, so "Covid-19" and "Covid 19"
 * fall together too.
 */
public final class LabelNormalizer {
  private LabelNormalizer() {}

  /** Canonical task-type names keyed by their folded form. */
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("text generation", "Text Generation"),
          Map.entry("generation", "Text Generation"),
          Map.entry("open q&a", "Open Q&A"),
          Map.entry("open ended q&a", "Open Q&A"),
          Map.entry("open question", "Open Q&A"),
          Map.entry("chat", "Chat"),
          Map.entry("conversation", "Chat"),
          Map.entry("rewrite", "Rewrite"),
          Map.entry("rewriting", "Rewrite"),
          Map.entry("summarization", "Summarization"),
          Map.entry("summarisation", "Summarization"),
          Map.entry("summary", "Summarization"),
          Map.entry("classification", "Classification"),
          Map.entry("usmle style q&a", "USMLE-style Q&A"),
          Map.entry("usmle q&a", "USMLE-style Q&A"),
          Map.entry("multiple choice q&a", "Multiple-choice Q&A"),
          Map.entry("multiple choice question", "Multiple-choice Q&A"),
          Map.entry("single hop reasoning", "Single-hop Reasoning"),
          Map.entry("multiple hop reasoning", "Multi-hop Reasoning"),
          Map.entry("multi hop reasoning", "Multi-hop Reasoning"));

  private static final Set<String> SMALL_WORDS =
      Set.of(
          "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with");

  /** Grouping key: lower case, hyphens/underscores/slashes and runs of spaces as one space. */
  public static String key(String label) {
    String s = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    return s.replace('\u2019', '\'').replaceAll("[-_/\\s]+", " ").strip();
  }

  public static String taskType(String label) {
    String cleaned = cleanRole(label);
    if (cleaned.isEmpty()) {
      return MISSING;
    }
    String canonical = TYPES.get(key(cleaned));
    return canonical != null ? canonical : titleCase(cleaned);
  }

  public static String view(String label) {
    String cleaned = cleanRole(label);
    return cleaned.isEmpty() ? MISSING : titleCase(cleaned);
  }

  public static String topic(String label) {
    String cleaned = clean(label);
    return cleaned.isEmpty() ? MISSING : titleCase(cleaned);
  }

  /** Difficulty 1..5 from "3", "Difficulty: 3" or "3/5"; null if there is none in range. */
  public static Integer difficulty(String label) {
    if (label == null) {
      return null;
    }
    Matcher m = DIGITS.matcher(label);
    if (!m.find() || m.group().length() > 1) {
      return null;
    }
    int d = Integer.parseInt(m.group());
    return d >= 1 && d <= 5 ? d : null;
  }

  public static final String MISSING = "(missing)";
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern ROLE_SUFFIX =
      Pattern.compile(
          "(?i)(\\s*\\([^)]*\\)|('s)?\\s+(perspective|point of view|view|task|tasks))$");

  private static String clean(String label) {
    return label == null ? "" : label.replace('_', ' ').replaceAll("\\s+", " ").strip();
  }

  private static String cleanRole(String label) {
    String s = clean(label);
    String before;
    do {
      before = s;
      s = ROLE_SUFFIX.matcher(s).replaceAll("").strip();
    } while (!s.equals(before));
    s = s.replaceAll("'s$", "");
    int lastSpace = s.lastIndexOf(' ');
    return s.substring(0, lastSpace + 1) + singular(s.substring(lastSpace + 1));
  }

  private static String singular(String w) {
    String l = w.toLowerCase(Locale.ROOT);
    if (l.length() <= 3
        || !l.endsWith("s")
        || l.endsWith("ss")
        || l.endsWith("is")
        || l.endsWith("us")
        || l.endsWith("ics")
        || keepsSpelling(w)) {
      return w;
    }
    if (l.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    return w.substring(0, w.length() - 1);
  }

  /**
   * Title case; tokens with an inner capital, a digit or '&' (COVID-19, HIV, Q&A) stay as written.
   */
  private static String titleCase(String cleaned) {
    String[] words = cleaned.split(" ");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (i > 0) {
        out.append(' ');
      }
      String lower = w.toLowerCase(Locale.ROOT);
      if (keepsSpelling(w)) {
        out.append(w);
      } else if (i > 0 && SMALL_WORDS.contains(lower)) {
        out.append(lower);
      } else {
        out.append(lower.substring(0, 1).toUpperCase(Locale.ROOT)).append(lower.substring(1));
      }
    }
    return out.toString();
  }

  private static boolean keepsSpelling(String w) {
    if (w.indexOf('&') >= 0) {
      return true;
    }
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (Character.isDigit(c) || (i > 0 && Character.isUpperCase(c))) {
        return true;
      }
    }
    return false;
  }
}
