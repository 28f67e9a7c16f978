package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible synthetic instruction corpus for tests and the benchmark: families of
 * near-duplicates (token substitutions, insertions, deletions, case and punctuation changes),
 * Zipf-distributed words with very frequent function words, Unicode traps (U+0130, Kelvin sign,
 * accents, CJK, emoji), empty and punctuation-only texts, long texts (300+ tokens) and ROUGE-L
 * float-boundary pairs (a 7-token text inside a 13-token one, 21 in 23/37, ...).
 */
public final class SyntheticInstructions {
  private static final String[] COMMON = {
    "the",
    "of",
    "a",
    "and",
    "to",
    "in",
    "for",
    "patient",
    "what",
    "is",
    "with",
    "describe",
    "explain",
    "how",
    "are",
    "which",
    "on",
    "treatment",
    "symptoms",
    "given"
  };
  private static final String[] MEDICAL = {
    "diabetes",
    "hypertension",
    "insulin",
    "asthma",
    "sepsis",
    "anemia",
    "migraine",
    "stroke",
    "cardiology",
    "renal",
    "hepatic",
    "dose",
    "mg",
    "fever",
    "cough",
    "biopsy",
    "ecg",
    "mri",
    "antibiotic",
    "beta",
    "blockers",
    "statin",
    "lipid",
    "thyroid",
    "pediatric",
    "geriatric",
    "oncology",
    "chemotherapy",
    "vaccine",
    "covid",
    "19",
    "2",
    "type",
    "chronic",
    "acute"
  };
  private static final String[] TRAPS = {
    "\u0130stanbul", "\u0130NR", "5 \u212A", "caf\u00e9", "na\u00efve", "\u7cd6\u5c3f\u75c5",
    "\ud83d\ude37", "\u00c5ngstr\u00f6m", "--", "(q.d.)", "\u212Aelvin", "\u00dcber"
  };

  private final Random random;
  private final int vocabulary;

  private SyntheticInstructions(long seed, int vocabulary) {
    this.random = new Random(seed);
    this.vocabulary = vocabulary;
  }

  /** {@code n} texts from {@code seed}; the same arguments always give the same list. */
  public static List<String> generate(int n, long seed) {
    return new SyntheticInstructions(seed, Math.max(2000, n)).texts(n);
  }

  private List<String> texts(int n) {
    List<String> out = new ArrayList<>(n);
    while (out.size() < n) {
      int kind = random.nextInt(100);
      if (kind < 2) {
        out.add(random.nextBoolean() ? "" : "?! ... -- ###");
      } else if (kind < 5) {
        boundaryPair(out);
      } else {
        int familySize =
            random.nextInt(10) < 6 ? 1 : 2 + random.nextInt(random.nextInt(10) < 9 ? 4 : 30);
        int length = random.nextInt(100) == 0 ? 300 + random.nextInt(400) : 4 + random.nextInt(28);
        List<String> base = words(length);
        out.add(String.join(" ", base));
        for (int k = 1; k < familySize && out.size() < n; k++) {
          out.add(variant(base));
        }
      }
    }
    while (out.size() > n) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private void boundaryPair(List<String> out) {
    int[][] shapes = {{7, 7, 13}, {7, 9, 11}, {7, 10, 10}, {21, 23, 37}, {14, 17, 23}};
    int[] s = shapes[random.nextInt(shapes.length)];
    // Shared LCS of length s[0]; each side padded with words the other lacks.
    List<String> common = words(s[0]);
    List<String> a = new ArrayList<>(common);
    List<String> b = new ArrayList<>(common);
    for (int k = s[0]; k < s[1]; k++) {
      a.add(random.nextInt(a.size() + 1), "onlya" + random.nextInt(1_000_000));
    }
    for (int k = s[0]; k < s[2]; k++) {
      b.add(random.nextInt(b.size() + 1), "onlyb" + random.nextInt(1_000_000));
    }
    out.add(String.join(" ", a));
    out.add(String.join(" ", b));
  }

  private List<String> words(int length) {
    List<String> w = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      w.add(word());
    }
    return w;
  }

  private String word() {
    int r = random.nextInt(100);
    // Roughly the seed set's profile: the 100 most frequent words make up ~60% of tokens.
    if (r < 25) {
      return COMMON[zipf(COMMON.length)];
    }
    if (r < 40) {
      return MEDICAL[zipf(MEDICAL.length)];
    }
    if (r < 42) {
      return TRAPS[random.nextInt(TRAPS.length)];
    }
    return "term" + zipf(vocabulary);
  }

  /** Roughly Zipf: small indexes much more often. */
  private int zipf(int n) {
    double u = random.nextDouble();
    return Math.min(n - 1, (int) Math.floor(Math.pow(n + 1.0, u)) - 1);
  }

  private String variant(List<String> base) {
    List<String> v = new ArrayList<>(base);
    int edits = random.nextInt(1 + Math.max(1, base.size() / 4));
    for (int e = 0; e < edits; e++) {
      int op = random.nextInt(3);
      if (op == 0 && !v.isEmpty()) {
        v.set(random.nextInt(v.size()), word());
      } else if (op == 1) {
        v.add(random.nextInt(v.size() + 1), word());
      } else if (!v.isEmpty()) {
        v.remove(random.nextInt(v.size()));
      }
    }
    String text = String.join(random.nextBoolean() ? " " : ", ", v);
    if (random.nextBoolean()) {
      text = text.toUpperCase(java.util.Locale.ROOT);
    }
    return random.nextBoolean() ? text + "?" : text;
  }
}
