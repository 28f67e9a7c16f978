package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RougeLTest {

  /**
   * Golden F values worked out by hand from rouge_score's formula (P = lcs/len(pred), R =
   * lcs/len(target), F = 2*P*R/(P+R) in doubles).
   */
  @Test
  void givenGoldenPairs_scoresMatchRougeScoreBitForBit() {
    String[][] golden = {
      // 7 tokens inside 13: exact F is 0.7 but the double formula gives 0.7000000000000001.
      {"a b c d e f g", "a b c d e f g h i j k l m", "0.7000000000000001"},
      {"a b c d e f g h i j k l m", "a b c d e f g", "0.7000000000000001"},
      // 7 of 10 each side: P = R = 0.7 gives exactly 0.7.
      {"1 2 3 4 5 6 7 8 9 10", "1 2 3 4 5 6 7 x y z", "0.7"},
      {"the cat sat on the mat", "the cat on the mat", "0.9090909090909091"},
      {"a b c", "c b a", "0.3333333333333333"},
      {"a b c d", "a x c y", "0.5"},
      {"x y z w v u t s r q", "x y z w v u t s r q p o n m l", "0.8"},
      {
        "a b c d e f g h i j k l m n",
        "a b c d e f g h i j k l m n o p q r s t",
        "0.8235294117647058"
      },
      // U+0130 lowercases to "i" + combining dot, which splits the token.
      {"\u0130stanbul", "i stanbul", "1.0"},
      {"\u0130stanbul", "istanbul", "0.0"},
      {"5 \u212A", "5 k", "1.0"},
      {"caf\u00e9", "caf", "1.0"},
      {"na\u00efve approach", "na ve approach", "1.0"},
      {"\u7cd6\u5c3f\u75c5 diabetes", "diabetes", "1.0"},
      {"", "a", "0.0"},
      {"!!!", "a", "0.0"},
    };
    for (String[] g : golden) {
      assertEquals(Double.parseDouble(g[2]), RougeL.score(g[0], g[1]), 0.0, g[0] + " | " + g[1]);
    }
  }

  @Test
  void givenTwentyOneSharedIn23And37_scoreFallsJustBelowSeventenths() {
    assertEquals(0.6999999999999998, RougeL.fmeasure(21, 23, 37), 0.0);
    assertEquals(0.7000000000000001, RougeL.fmeasure(7, 13, 7), 0.0);
    assertEquals(0.7, RougeL.fmeasure(7, 10, 10), 0.0);
  }

  @Test
  void givenMixedText_tokenizesLikeRougeScore() {
    assertEquals(
        List.of("i", "stanbul", "5k", "caf", "covid", "19", "x"),
        RougeL.tokenize("\u0130stanbul 5\u212A caf\u00e9 COVID-19 \ud83d\ude37x"));
    assertEquals(List.of(), RougeL.tokenize("?! -- ###"));
    assertEquals(List.of(), RougeL.tokenize(null));
  }

  /**
   * The non-ASCII code points whose Python 3.11 (Unicode 14) {@code str.lower()} contains a
   * character in [a-z0-9], found by scanning every code point; the tokenizer's special cases must
   * be exactly these.
   */
  private static final Map<Integer, String> PYTHON_LOWER_INTO_ASCII =
      Map.of(0x0130, "i\u0307", 0x212A, "k");

  @Test
  void givenEveryCodePoint_javaLowercasingAgreesWithPythonOnAsciiResults() {
    Map<Integer, String> found = new TreeMap<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        continue;
      }
      boolean ascii =
          (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
      String lower = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
      if (!ascii && lower.chars().anyMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        found.put(cp, lower);
      }
    }
    assertEquals(new TreeMap<>(PYTHON_LOWER_INTO_ASCII), found);
  }

  @Test
  void givenEveryCodePoint_tokenizerMatchesLowercaseThenSplitReference() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        continue;
      }
      String c = new String(Character.toChars(cp));
      String text = "a" + c + "b " + c + c + "Z9" + c;
      List<String> expected = reference(text);
      List<String> actual = RougeL.tokenize(text);
      if (!expected.equals(actual)) {
        assertEquals(expected, actual, "code point " + Integer.toHexString(cp));
      }
    }
  }

  private static final Pattern ALNUM = Pattern.compile("[a-z0-9]+");

  /** rouge_score's tokenizer with Java's full lowercasing standing in for Python's. */
  private static List<String> reference(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = ALNUM.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }
}
