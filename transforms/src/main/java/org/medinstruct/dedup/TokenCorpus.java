package org.medinstruct.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Texts tokenized as {@link RougeL#tokenize(String)} does, with tokens interned to dense int ids.
 * Records {@code 0..poolSize-1} are the pool, the rest the candidates in their given order.
 */
final class TokenCorpus {
  final int[][] seqs;
  final int poolSize;
  final int vocabularySize;

  private TokenCorpus(int[][] seqs, int poolSize, int vocabularySize) {
    this.seqs = seqs;
    this.poolSize = poolSize;
    this.vocabularySize = vocabularySize;
  }

  static TokenCorpus of(List<String> pool, List<String> candidates) {
    Map<String, Integer> ids = new HashMap<>();
    int[][] seqs = new int[pool.size() + candidates.size()][];
    for (int r = 0; r < seqs.length; r++) {
      String text = r < pool.size() ? pool.get(r) : candidates.get(r - pool.size());
      List<String> tokens = RougeL.tokenize(text);
      int[] seq = new int[tokens.size()];
      for (int i = 0; i < seq.length; i++) {
        Integer id = ids.putIfAbsent(tokens.get(i), ids.size());
        seq[i] = id == null ? ids.size() - 1 : id;
      }
      seqs[r] = seq;
    }
    return new TokenCorpus(seqs, pool.size(), ids.size());
  }

  int size() {
    return seqs.length;
  }

  int candidateCount() {
    return seqs.length - poolSize;
  }

  int[] candidate(int i) {
    return seqs[poolSize + i];
  }

  int[] pool(int p) {
    return seqs[p];
  }
}
