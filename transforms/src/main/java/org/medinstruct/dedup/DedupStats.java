package org.medinstruct.dedup;

/**
 * Work done by one dedup run. {@code candidatePairs}: pairs surviving the prefix, length and
 * position filters; {@code verifiedPairs}: pairs whose LCS was computed (after the multiset-overlap
 * bound); {@code similarPairs}: pairs kept as edges (F &gt; threshold or &ge; neighbour floor);
 * {@code postingsScanned}: inverted-index entries read; {@code maxPostingScan}: the most entries
 * read from one posting list by one probe; {@code poolPairsScored}: exact candidate-pool scores.
 */
public record DedupStats(
    int records,
    long candidatePairs,
    long verifiedPairs,
    long similarPairs,
    long postingsScanned,
    long maxPostingScan,
    long poolPairsScored,
    long millis) {

  public String summary() {
    return String.format(
        "records=%d candidatePairs=%d verifiedPairs=%d similarPairs=%d postingsScanned=%d"
            + " maxPostingScan=%d poolPairsScored=%d engineMillis=%d",
        records,
        candidatePairs,
        verifiedPairs,
        similarPairs,
        postingsScanned,
        maxPostingScan,
        poolPairsScored,
        millis);
  }
}
