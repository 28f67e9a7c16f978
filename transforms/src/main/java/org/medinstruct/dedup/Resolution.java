package org.medinstruct.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.medinstruct.dedup.DistributedDedup.Decision;

/** Resolves components (nodes in key order) as {@link SimilarityDedup#dedup} does. */
final class Resolution {
  private final JoinSpec spec;
  private final List<String> pool;

  Resolution(JoinSpec spec, List<String> pool) {
    this.spec = spec;
    this.pool = pool;
  }

  /** The edges that decide one node: the best knocker of each kind and the best neighbours. */
  private static final class Best {
    Half poolKnock;
    Half candKnock;
    Half nearestCand;
    Half bestPoolEdge;

    Half knocker() {
      Half knocker = poolKnock;
      if (candKnock != null && (knocker == null || candKnock.f() > knocker.f())) {
        knocker = candKnock;
      }
      return knocker;
    }
  }

  /** Decides every node of one component, in order, to {@code out}. */
  void resolve(List<Node> nodes, Consumer<Decision> out) {
    Map<String, Node> byKey = new HashMap<>();
    for (Node n : nodes) {
      byKey.put(n.key(), n);
    }
    Map<String, Boolean> kept = new HashMap<>();
    for (Node n : nodes) {
      Best best = best(n, kept);
      Half knocker = best.knocker();
      boolean isKept = knocker == null;
      kept.put(n.key(), isKept);
      out.accept(decision(n, isKept, isKept ? best.nearestCand : knocker, best, byKey));
    }
  }

  private Best best(Node n, Map<String, Boolean> kept) {
    String me = n.key();
    double t = spec.threshold;
    Best best = new Best();
    for (Half h : n.halves()) {
      if (h.pool()) {
        if (h.f() > t && h.beats(best.poolKnock)) {
          best.poolKnock = h;
        }
        if (h.f() > 0 && h.beats(best.bestPoolEdge)) {
          best.bestPoolEdge = h;
        }
      } else {
        boolean eligible =
            spec.policy == DedupPolicy.DROP_ALL
                || (h.partner().compareTo(me) < 0 && kept.getOrDefault(h.partner(), false));
        if (eligible && h.f() > t && h.beats(best.candKnock)) {
          best.candKnock = h;
        }
        if (h.f() >= spec.floor && h.beats(best.nearestCand)) {
          best.nearestCand = h;
        }
      }
    }
    return best;
  }

  private Decision decision(
      Node n, boolean isKept, Half nearest, Best best, Map<String, Node> byKey) {
    String nearestText =
        nearest == null
            ? null
            : nearest.pool()
                ? pool.get(nearest.poolIndex())
                : byKey.containsKey(nearest.partner())
                    ? byKey.get(nearest.partner()).cand().item().text()
                    : nearest.partnerText();
    Cand cand = n.cand();
    Half bestPoolEdge = best.bestPoolEdge;
    String poolText =
        cand.poolScanned()
            ? (cand.bestPool() < 0 ? null : pool.get(cand.bestPool()))
            : bestPoolEdge == null ? null : pool.get(bestPoolEdge.poolIndex());
    double poolScore =
        cand.poolScanned()
            ? cand.bestPoolScore()
            : bestPoolEdge == null ? Double.NaN : bestPoolEdge.f();
    return new Decision(
        cand.item(),
        isKept,
        nearestText,
        nearest == null ? Double.NaN : nearest.f(),
        poolText,
        poolScore);
  }
}
