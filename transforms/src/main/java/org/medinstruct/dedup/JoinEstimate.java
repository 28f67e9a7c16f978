package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much work the similarity join of a dedup will do, estimated before it starts from an evenly
 * spaced sample of the records: the pairs of records that share an element of their prefixes at
 * positions from which the shorter one can still reach the threshold (counted once per shared
 * element; the pair checks the join's keys bring together and its length and position filters let
 * through, which its {@code candidatePairs} metric counts: 5.7e9 estimated and 5.72e9 counted for
 * the first 300,000 NearDupCorpus records) grow with the square of the records ({@code
 * candidatePairs}: the estimate for the whole join), so those of the sample are scaled by N(N-1) /
 * (s(s-1)). Elements and prefix lengths follow the join (token occurrences, rarest first by the
 * sample's document frequency, prefixes long enough for the threshold against the shortest feasible
 * partner), so a corpus whose records share most of their tokens (a small vocabulary, templates)
 * shows up here as a very large number before anything runs.
 */
public record JoinEstimate(long records, int sampled, double candidatePairs, double similarPairs) {
  /** Records sampled by default: enough for a stable figure, a second or two of client time. */
  public static final int DEFAULT_SAMPLE = 20_000;

  /** Sampled records scored against the whole sample for {@code similarPairs}. */
  static final int SIMILAR_PROBES = 100;

  /** Estimated join time at {@code pairsPerSecondPerSlot} on {@code slots} parallel workers. */
  public double seconds(double pairsPerSecondPerSlot, int slots) {
    return candidatePairs / (pairsPerSecondPerSlot * Math.max(1, slots));
  }

  /** The estimate for {@code texts} compared at {@code threshold}, from at most {@code sample}. */
  public static JoinEstimate of(List<String> texts, double threshold, int sample) {
    int n = texts.size();
    int s = Math.min(n, Math.max(2, sample));
    if (n < 2) {
      return new JoinEstimate(n, n, 0, 0);
    }
    List<List<String>> tokens = new ArrayList<>(s);
    List<List<String>> docs = new ArrayList<>(s);
    Map<String, Integer> df = new HashMap<>();
    for (int i = 0; i < s; i++) {
      tokens.add(RougeL.tokenize(texts.get((int) ((long) i * n / s))));
      List<String> el = Rec.elements(tokens.get(i));
      docs.add(el);
      for (String e : el) {
        df.merge(e, 1, Integer::sum);
      }
    }
    JoinSpec spec =
        new JoinSpec(DedupPolicy.GREEDY, threshold, Double.POSITIVE_INFINITY, true, 1, 0, 1, null);
    Comparator<String> rarestFirst =
        Comparator.<String>comparingInt(df::get).thenComparing(Comparator.naturalOrder());
    // Per prefix element: the length and position of each record that has it in its prefix.
    Map<String, List<int[]>> postings = new HashMap<>();
    for (List<String> el : docs) {
      if (el.isEmpty()) {
        continue;
      }
      List<String> sorted = new ArrayList<>(el);
      sorted.sort(rarestFirst);
      for (int pos = 0, len = spec.prefixLength(sorted.size()); pos < len; pos++) {
        postings
            .computeIfAbsent(sorted.get(pos), k -> new ArrayList<>())
            .add(new int[] {sorted.size(), pos});
      }
    }
    double pairs = 0;
    for (List<int[]> members : postings.values()) {
      pairs += pairsEnumerated(members, spec);
    }
    double scale = n * (double) (n - 1) / (s * (double) (s - 1));
    double similar = similarShare(tokens, threshold) * n * (double) (n - 1) / 2;
    return new JoinEstimate(n, s, pairs * scale, similar);
  }

  /**
   * The share of record pairs with ROUGE-L F above {@code threshold}: up to {@link #SIMILAR_PROBES}
   * evenly spaced records of the (tokenized) sample, each scored (exact LCS) against the rest of
   * it. The pairs above the threshold are the edges the decisions of the dedup hold, so a corpus
   * whose similar records form one large connected group shows up here.
   */
  private static double similarShare(List<List<String>> sample, double threshold) {
    int s = sample.size();
    Map<String, Integer> ids = new HashMap<>();
    int[][] seqs = new int[s][];
    for (int i = 0; i < s; i++) {
      List<String> tokens = sample.get(i);
      seqs[i] = new int[tokens.size()];
      for (int k = 0; k < seqs[i].length; k++) {
        seqs[i][k] = ids.computeIfAbsent(tokens.get(k), t -> ids.size());
      }
    }
    BitLcs lcs = new BitLcs(Math.max(1, ids.size()));
    int probes = Math.min(SIMILAR_PROBES, s);
    long similar = 0;
    for (int q = 0; q < probes; q++) {
      int x = (int) ((long) q * s / probes);
      int a = seqs[x].length;
      if (a == 0) {
        continue;
      }
      lcs.load(seqs[x]);
      for (int y = 0; y < s; y++) {
        int b = seqs[y].length;
        // F = 2 LCS / (a + b) is at most 2 min(a, b) / (a + b): skip lengths that cannot pass.
        if (y == x || b == 0 || 2.0 * Math.min(a, b) / (a + b) <= threshold) {
          continue;
        }
        if (RougeL.fmeasure(lcs.lcs(seqs[y]), b, a) > threshold) {
          similar++;
        }
      }
    }
    return probes == 0 ? 0 : similar / (probes * (double) (s - 1));
  }

  /**
   * The pairs of one element's members (length, position) that the join enumerates (see {@code
   * SubKeyJoin}): equal lengths whose positions both allow the threshold, and each member with the
   * longer ones up to its own longest partner whose positions allow it too.
   */
  private static long pairsEnumerated(List<int[]> members, JoinSpec spec) {
    Map<Integer, List<Integer>> byLength = new java.util.TreeMap<>();
    for (int[] m : members) {
      byLength.computeIfAbsent(m[0], k -> new ArrayList<>()).add(m[1]);
    }
    int groups = byLength.size();
    int[] lengths = new int[groups];
    int[][] positions = new int[groups][];
    int g = 0;
    for (Map.Entry<Integer, List<Integer>> e : byLength.entrySet()) {
      lengths[g] = e.getKey();
      positions[g] = e.getValue().stream().mapToInt(Integer::intValue).sorted().toArray();
      g++;
    }
    long pairs = 0;
    for (int gx = 0; gx < groups; gx++) {
      int a = lengths[gx];
      long equal = SortedInts.upperBound(positions[gx], spec.lastFirstCommonPosition(a, a));
      pairs += equal * (equal - 1) / 2;
      for (int pos : positions[gx]) {
        int longest = spec.maxPartnerLength(a, pos);
        if (gx + 1 == groups || longest < lengths[gx + 1]) {
          break; // positions ascend: the later ones' bound only shrinks
        }
        for (int gy = gx + 1; gy < groups && lengths[gy] <= longest; gy++) {
          int b = lengths[gy];
          pairs += SortedInts.upperBound(positions[gy], spec.lastFirstCommonPosition(b, a));
        }
      }
    }
    return pairs;
  }

  /** One phrase for the user: the estimate and the sample it comes from. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        candidatePairs < 1e6
            ? "about %.0f pairs of records that share a prefix element (estimated from %d of %d"
                + " records)"
            : "about %.2g pairs of records that share a prefix element (estimated from %d of %d"
                + " records)",
        candidatePairs,
        sampled,
        records);
  }
}
