package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small random-choice helpers over a deterministic {@link SplittableRandom}. */
final class Pick {
  private final SplittableRandom rnd;

  Pick(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  SplittableRandom rnd() {
    return rnd;
  }

  <T> T one(List<T> items) {
    return items.get(rnd.nextInt(items.size()));
  }

  @SafeVarargs
  final <T> T of(T... items) {
    return items[rnd.nextInt(items.length)];
  }

  /** {@code k} distinct items, in random order. */
  <T> List<T> distinct(List<T> items, int k) {
    List<T> copy = new ArrayList<>(items);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < k && !copy.isEmpty(); i++) {
      out.add(copy.remove(rnd.nextInt(copy.size())));
    }
    return out;
  }

  int between(int lowInclusive, int highInclusive) {
    return lowInclusive + rnd.nextInt(highInclusive - lowInclusive + 1);
  }

  boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  Condition condition() {
    return one(MedVocab.CONDITIONS);
  }

  /** A condition other than {@code not}. */
  Condition conditionOtherThan(Condition not) {
    Condition c;
    do {
      c = condition();
    } while (c.equals(not));
    return c;
  }

  String[] drug() {
    return one(MedVocab.DRUGS);
  }
}
