package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * ROUGE-L exactly as Google's {@code rouge_score} package computes it without stemming.
 *
 * <p>Tokenization: Python {@code str.lower()}, every run of characters outside [a-z0-9] becomes a
 * space, split on whitespace, drop empty tokens. Only three kinds of character lowercase into
 * [a-z0-9] under full Unicode case mapping (checked over every code point by {@code RougeLTest}):
 * ASCII letters and digits, U+0130 'İ' (which becomes "i" + U+0307, so it ends the token after the
 * "i") and U+212A KELVIN SIGN (which becomes "k"). Every other character separates tokens, so the
 * tokenizer maps characters directly instead of lowercasing the whole string.
 *
 * <p>F = 2PR/(P+R) in double precision with P = lcs/len(prediction), R = lcs/len(target); an empty
 * token list scores 0. The F-measure is symmetric bit for bit, so argument order does not matter.
 */
public final class RougeL {
  private RougeL() {}

  /** U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE: lowercases to "i" + U+0307. */
  static final char CAPITAL_I_WITH_DOT = '\u0130';

  /** U+212A KELVIN SIGN: lowercases to "k". */
  static final char KELVIN_SIGN = '\u212A';

  public static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    if (text == null) {
      return tokens;
    }
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        token.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        token.append((char) (c + ('a' - 'A')));
      } else if (c == KELVIN_SIGN) {
        token.append('k');
      } else if (c == CAPITAL_I_WITH_DOT) {
        // "i" then the combining dot, which is outside [a-z0-9] and ends the token.
        token.append('i');
        flush(token, tokens);
      } else {
        flush(token, tokens);
      }
    }
    flush(token, tokens);
    return tokens;
  }

  private static void flush(StringBuilder token, List<String> tokens) {
    if (token.length() > 0) {
      tokens.add(token.toString());
      token.setLength(0);
    }
  }

  /** Length of the longest common subsequence, by the classic dynamic programme. */
  public static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] =
            a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
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
