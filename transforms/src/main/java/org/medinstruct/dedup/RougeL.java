package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ROUGE-L exactly as Google's {@code rouge_score} package computes it without stemming.
 *
 * <p>Tokenization: Python {@code str.lower()} (full Unicode lowercasing, which Java's
 * {@code toLowerCase(Locale.ROOT)} matches for the characters that can become [a-z0-9]), every run
 * of characters outside [a-z0-9] becomes a space, split on whitespace, drop empty tokens.
 * F = 2PR/(P+R) in double precision with P = lcs/len(prediction), R = lcs/len(target); an empty
 * token list scores 0.
 */
public final class RougeL {
  private RougeL() {}

  public static List<String> tokenize(String text) {
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum && start < 0) {
        start = i;
      } else if (!alnum && start >= 0) {
        tokens.add(lower.substring(start, i));
        start = -1;
      }
    }
    if (start >= 0) {
      tokens.add(lower.substring(start));
    }
    return tokens;
  }

  /** Length of the longest common subsequence, by the classic dynamic programme. */
  public static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] =
            a.get(i - 1).equals(b.get(j - 1))
                ? prev[j - 1] + 1
                : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }

  /** F-measure from an LCS length, bit for bit as rouge_score's scoring.fmeasure. */
  public static double fmeasure(int lcs, int targetLength, int predictionLength) {
    if (targetLength == 0 || predictionLength == 0) {
      return 0.0;
    }
    double precision = (double) lcs / predictionLength;
    double recall = (double) lcs / targetLength;
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  }

  public static double score(List<String> target, List<String> prediction) {
    if (target.isEmpty() || prediction.isEmpty()) {
      return 0.0;
    }
    return fmeasure(lcs(target, prediction), target.size(), prediction.size());
  }

  public static double score(String target, String prediction) {
    return score(tokenize(target), tokenize(prediction));
  }
}
