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
 * For each accepted instruction, the ROUGE-L F of its most similar other accepted instruction.
 *
 * <p>Up to {@link #ALL_LIMIT} instructions: every instruction against all others. Above that: a
 * sample of {@link #SAMPLE} instructions drawn with {@code new Random(42)} (deterministic), each
 * against all others. Tokens come from {@link RougeL#tokenize} and the score from {@link
 * RougeL#fmeasure}, so values equal rouge_score's. Tokens are interned as ints; an inverted index
 * gives each query's shared-token counts (an upper bound of the LCS), and {@link NearestSearch}
 * runs the bit-parallel LCS only on documents whose bound can beat the best so far, both cores
 * sharing the queries. Instructions longer than {@link #MAX_TOKENS} tokens are scored on their
 * first {@link #MAX_TOKENS} tokens (a chart, not the dedup: the LCS is quadratic, and two 5 MB
 * instructions would take hours).
 */
final class NearestRouge {
  static final int ALL_LIMIT = 5_000;
  static final int SAMPLE = 2_000;
  static final int MAX_TOKENS = 512;

  /** Scores, and whether they come from a sample. */
  record Result(List<Double> scores, boolean sampled, int compared) {}

  private NearestRouge() {}

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
    TokenPostings index = TokenPostings.of(toks, ids.size());
    ThreadLocal<NearestSearch> search =
        ThreadLocal.withInitial(() -> new NearestSearch(index, MAX_TOKENS));
    double[] best =
        IntStream.range(0, q.size())
            .parallel()
            .mapToDouble(k -> search.get().nearest(q.get(k)))
            .toArray();
    List<Double> out = new ArrayList<>();
    for (double b : best) {
      out.add(b);
    }
    return new Result(out, sampled, n <= 1 ? 0 : q.size());
  }
}
