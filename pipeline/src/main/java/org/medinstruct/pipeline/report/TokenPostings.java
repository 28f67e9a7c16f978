package org.medinstruct.pipeline.report;

import java.util.Arrays;

/**
 * An inverted index of interned token sequences: for each token id, the documents that hold it and
 * how many times, in document order.
 */
final class TokenPostings {
  final int[][] docsTokens;
  final int vocabulary;
  private final int[] start; // by token id: offset into docs and counts; start[vocabulary] = size
  private final int[] docs;
  private final int[] counts;

  private TokenPostings(int[][] docsTokens, int vocabulary, int[] start, int[] docs, int[] counts) {
    this.docsTokens = docsTokens;
    this.vocabulary = vocabulary;
    this.start = start;
    this.docs = docs;
    this.counts = counts;
  }

  static TokenPostings of(int[][] docsTokens, int vocabulary) {
    int[] last = new int[vocabulary];
    Arrays.fill(last, -1);
    int[] start = new int[vocabulary + 1];
    for (int d = 0; d < docsTokens.length; d++) {
      for (int t : docsTokens[d]) {
        if (last[t] != d) {
          last[t] = d;
          start[t + 1]++;
        }
      }
    }
    for (int t = 0; t < vocabulary; t++) {
      start[t + 1] += start[t];
    }
    int[] docs = new int[start[vocabulary]];
    int[] counts = new int[start[vocabulary]];
    int[] next = Arrays.copyOf(start, vocabulary);
    Arrays.fill(last, -1);
    for (int d = 0; d < docsTokens.length; d++) {
      for (int t : docsTokens[d]) {
        if (last[t] != d) {
          last[t] = d;
          docs[next[t]++] = d;
        }
        counts[next[t] - 1]++;
      }
    }
    return new TokenPostings(docsTokens, vocabulary, start, docs, counts);
  }

  int from(int token) {
    return start[token];
  }

  int to(int token) {
    return start[token + 1];
  }

  int doc(int posting) {
    return docs[posting];
  }

  int count(int posting) {
    return counts[posting];
  }
}
