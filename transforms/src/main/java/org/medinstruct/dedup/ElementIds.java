package org.medinstruct.dedup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The elements of {@link PrefixJoin}: each participating record's token occurrences as element ids,
 * with how often each element occurs overall.
 */
final class ElementIds {
  int[][] elements; // by record; null when the record takes no part
  int elementCount;
  int[] frequency;
  int maxLength;
  int participants;

  private ElementIds() {}

  /** Elements: occurrence 0 of a token is the token id; later occurrences get fresh ids. */
  static ElementIds assign(TokenCorpus corpus, IntPredicate takesPart) {
    int records = corpus.size();
    Map<Long, Integer> repeated = new HashMap<>();
    ElementIds ids = new ElementIds();
    ids.elements = new int[records][];
    ids.elementCount = corpus.vocabularySize;
    ids.frequency = new int[Math.max(16, ids.elementCount)];
    int[] seen = new int[corpus.vocabularySize];
    int[] seenStamp = new int[corpus.vocabularySize];
    for (int r = 0; r < records; r++) {
      if (!takesPart.test(r)) {
        continue;
      }
      ids.participants++;
      int[] seq = corpus.seqs[r];
      ids.maxLength = Math.max(ids.maxLength, seq.length);
      int[] el = new int[seq.length];
      for (int i = 0; i < seq.length; i++) {
        int t = seq[i];
        if (seenStamp[t] != r + 1) {
          seenStamp[t] = r + 1;
          seen[t] = 0;
        }
        int k = seen[t]++;
        int e;
        if (k == 0) {
          e = t;
        } else {
          long key = ((long) t << 32) | k;
          Integer id = repeated.get(key);
          if (id == null) {
            id = ids.elementCount++;
            repeated.put(key, id);
          }
          e = id;
        }
        if (e >= ids.frequency.length) {
          ids.frequency = Arrays.copyOf(ids.frequency, Math.max(e + 1, ids.frequency.length * 2));
        }
        ids.frequency[e]++;
        el[i] = e;
      }
      ids.elements[r] = el;
    }
    return ids;
  }

  /**
   * Each record's elements as ranks in the global order (rarest first, then element id), sorted.
   */
  int[][] rankSorted() {
    final int[] freq = frequency;
    Integer[] order = new Integer[elementCount];
    for (int e = 0; e < elementCount; e++) {
      order[e] = e;
    }
    Arrays.sort(
        order,
        (x, y) -> freq[x] != freq[y] ? Integer.compare(freq[x], freq[y]) : Integer.compare(x, y));
    int[] rank = new int[elementCount];
    for (int k = 0; k < elementCount; k++) {
      rank[order[k]] = k;
    }
    int[][] sorted = new int[elements.length][];
    for (int r = 0; r < elements.length; r++) {
      if (elements[r] == null) {
        continue;
      }
      int[] s = elements[r];
      for (int i = 0; i < s.length; i++) {
        s[i] = rank[s[i]];
      }
      Arrays.sort(s);
      sorted[r] = s;
    }
    return sorted;
  }
}
