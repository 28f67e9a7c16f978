package org.medinstruct.pipeline.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.medinstruct.dedup.RougeL;

/**
 * The nearest-neighbour ROUGE-L chart as it was before the inverted index and the bit-parallel LCS
 * (kept in the tests as the reference the new {@link NearestRouge} must equal bit for bit).
 *
 * <p>Original description: For each accepted instruction, the ROUGE-L F of its most similar other
 * accepted instruction.
 *
 * <p>Up to {@link #ALL_LIMIT} instructions: every instruction against all others. Above that: a
 * sample of {@link #SAMPLE} instructions drawn with {@code new Random(42)} (deterministic), each
 * against all others. Tokens come from {@link RougeL#tokenize} and the score from {@link
 * RougeL#fmeasure}, so values equal rouge_score's. F = 2·lcs/(a+b), so pairs whose length ratio or
 * shared-token count (both upper bounds of the LCS) cannot beat the best so far are skipped; the
 * LCS itself runs on interned ints. Instructions longer than {@link #MAX_TOKENS} tokens are scored
 * on their first {@link #MAX_TOKENS} tokens (a chart, not the dedup: the LCS is quadratic, and two
 * 5 MB instructions would take hours).
 */
final class NearestRougeReference {
  static final int ALL_LIMIT = 5_000;
  static final int SAMPLE = 2_000;
  static final int MAX_TOKENS = 512;

  /** Scores, and whether they come from a sample. */
  record Result(List<Double> scores, boolean sampled, int compared) {}

  private NearestRougeReference() {}

  static Result compute(List<String> instructions) {
    int n = instructions.size();
    Map<String, Integer> ids = new HashMap<>();
    int[][] toks = new int[n][];
    for (int i = 0; i < n; i++) {
      String text = instructions.get(i);
      // Tokens are at least one character: MAX_TOKENS * 64 characters hold MAX_TOKENS tokens of any
      // realistic text, and tokenizing stays linear.
      List<String> t =
          RougeL.tokenize(
              text.length() > MAX_TOKENS * 64 ? text.substring(0, MAX_TOKENS * 64) : text);
      if (t.size() > MAX_TOKENS) {
        t = t.subList(0, MAX_TOKENS);
      }
      toks[i] = t.stream().mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size())).toArray();
    }
    List<Integer> queries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      queries.add(i);
    }
    boolean sampled = n > ALL_LIMIT;
    if (sampled) {
      Collections.shuffle(queries, new Random(42));
      queries = new ArrayList<>(queries.subList(0, SAMPLE));
      Collections.sort(queries);
    }
    List<Integer> q = queries;
    double[] best =
        IntStream.range(0, q.size())
            .parallel()
            .mapToDouble(k -> nearest(toks, ids.size(), q.get(k)))
            .toArray();
    List<Double> out = new ArrayList<>();
    for (double b : best) {
      out.add(b);
    }
    return new Result(out, sampled, n <= 1 ? 0 : q.size());
  }

  private static double nearest(int[][] toks, int vocab, int i) {
    double best = 0;
    int[] a = toks[i];
    if (a.length == 0) {
      return 0;
    }
    int[] avail = new int[vocab];
    for (int t : a) {
      avail[t]++;
    }
    int[] prev = new int[0];
    int[] cur = new int[0];
    int[] taken = new int[0];
    for (int j = 0; j < toks.length; j++) {
      int[] b = toks[j];
      if (j == i || b.length == 0) {
        continue;
      }
      if (2.0 * Math.min(a.length, b.length) / (a.length + b.length) <= best) {
        continue;
      }
      // The shared-token count (multiset intersection) bounds the LCS from above.
      if (taken.length < b.length) {
        taken = new int[b.length];
      }
      int overlap = 0;
      for (int t : b) {
        if (avail[t] > 0) {
          avail[t]--;
          taken[overlap++] = t;
        }
      }
      for (int k = 0; k < overlap; k++) {
        avail[taken[k]]++;
      }
      if (2.0 * overlap / (a.length + b.length) <= best) {
        continue;
      }
      if (prev.length < b.length + 1) {
        prev = new int[b.length + 1];
        cur = new int[b.length + 1];
      }
      int lcs = lcs(a, b, prev, cur);
      // RougeL.fmeasure(lcs, target, prediction): the other instruction is the target.
      best = Math.max(best, RougeL.fmeasure(lcs, b.length, a.length));
    }
    return best;
  }

  private static int lcs(int[] a, int[] b, int[] prev, int[] cur) {
    java.util.Arrays.fill(prev, 0, b.length + 1, 0);
    cur[0] = 0;
    for (int x = 1; x <= a.length; x++) {
      for (int y = 1; y <= b.length; y++) {
        cur[y] = a[x - 1] == b[y - 1] ? prev[y - 1] + 1 : Math.max(prev[y], cur[y - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }
}
