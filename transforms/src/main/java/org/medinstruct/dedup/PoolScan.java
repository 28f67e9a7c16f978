package org.medinstruct.dedup;

import org.medinstruct.dedup.DedupResult.Neighbour;

/**
 * The exact nearest pool item of every candidate: each candidate against the whole pool with
 * bit-parallel LCS (pools are small: seeds, a few thousand items). Highest F &gt; 0, lowest index
 * on ties; null when every score is 0.
 */
final class PoolScan {
  private PoolScan() {}

  static Neighbour[] nearest(TokenCorpus corpus, int threads) {
    int n = corpus.candidateCount();
    Neighbour[] out = new Neighbour[n];
    if (corpus.poolSize == 0) {
      return out;
    }
    Parallel.forEach(
        n,
        threads,
        () ->
            new Parallel.Worker() {
              final BitLcs lcs = new BitLcs(corpus.vocabularySize);

              @Override
              public void process(int i) {
                int[] c = corpus.candidate(i);
                if (c.length == 0) {
                  return;
                }
                lcs.load(c);
                int bestIndex = -1;
                double best = 0.0;
                for (int p = 0; p < corpus.poolSize; p++) {
                  int[] s = corpus.pool(p);
                  if (s.length == 0) {
                    continue;
                  }
                  double f = RougeL.fmeasure(lcs.lcs(s), s.length, c.length);
                  if (f > best) {
                    best = f;
                    bestIndex = p;
                  }
                }
                out[i] = bestIndex < 0 ? null : SimilarityDedup.pool(bestIndex, best);
              }
            });
    return out;
  }
}
