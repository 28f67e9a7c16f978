package org.medinstruct.dedup;

import java.util.Arrays;

/** A growable list of scored record pairs (record ids of a {@link TokenCorpus}). */
final class Edges {
  int size;
  int[] first = new int[16];
  int[] second = new int[16];
  double[] score = new double[16];

  void add(int a, int b, double f) {
    if (size == first.length) {
      int n = size * 2;
      first = Arrays.copyOf(first, n);
      second = Arrays.copyOf(second, n);
      score = Arrays.copyOf(score, n);
    }
    first[size] = a;
    second[size] = b;
    score[size] = f;
    size++;
  }

  void addAll(Edges other) {
    for (int k = 0; k < other.size; k++) {
      add(other.first[k], other.second[k], other.score[k]);
    }
  }
}
