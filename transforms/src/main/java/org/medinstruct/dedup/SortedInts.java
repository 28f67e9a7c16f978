package org.medinstruct.dedup;

/** Binary searches in an ascending int array. */
final class SortedInts {
  private SortedInts() {}

  /** The first index whose value is at least {@code value} (the length if none). */
  static int lowerBound(int[] sorted, int value) {
    return firstAbove(sorted, value - 1L);
  }

  /** The first index whose value is greater than {@code value} (the length if none). */
  static int upperBound(int[] sorted, int value) {
    return firstAbove(sorted, value);
  }

  private static int firstAbove(int[] sorted, long value) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
