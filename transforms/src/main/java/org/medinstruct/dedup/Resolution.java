package org.medinstruct.dedup;

import java.util.ArrayList;
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

  /**
   * The halves of candidate {@code me} that {@link #resolve} can use, in their order: the best pool
   * knocker, the best pool edge and the nearest candidate edge (maxima that do not depend on other
   * decisions), and every candidate edge that can knock {@code me} out (for GREEDY: an earlier
   * partner above the threshold; its use depends on that partner's decision). A dense component
   * then carries each edge once instead of twice, and the resolution decides the same.
   */
  List<Half> needed(String me, List<Half> halves) {
    Best best = new Best();
    List<Half> out = new ArrayList<>(halves.size());
    for (Half h : halves) {
      if (!offer(best, h, me)) {
        continue;
      }
      if (spec.policy != DedupPolicy.DROP_ALL) {
        out.add(h);
      } else if (h.beats(best.candKnock)) {
        best.candKnock = h;
      }
    }
    for (Half h :
        new Half[] {best.poolKnock, best.bestPoolEdge, best.nearestCand, best.candKnock}) {
      if (h != null && !out.contains(h)) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * Offers {@code h} to the maxima that do not depend on other decisions (the pool knocker, the
   * best pool edge, the nearest candidate); returns whether it is a candidate edge that can knock
   * {@code me} out (for GREEDY: if its earlier partner is kept).
   */
  private boolean offer(Best best, Half h, String me) {
    if (h.pool()) {
      if (h.f() > spec.threshold && h.beats(best.poolKnock)) {
        best.poolKnock = h;
      }
      if (h.f() > 0 && h.beats(best.bestPoolEdge)) {
        best.bestPoolEdge = h;
      }
      return false;
    }
    if (h.f() >= spec.floor && h.beats(best.nearestCand)) {
      best.nearestCand = h;
    }
    return h.f() > spec.threshold
        && (spec.policy == DedupPolicy.DROP_ALL || h.partner().compareTo(me) < 0);
  }

  /** The nodes of one component in key order, loaded when the resolution reaches them. */
  interface Component {
    int size();

    /** The i-th node in key order. */
    Node node(int i);

    /** The candidate of the node with {@code key}, or null when it is not in this component. */
    Cand cand(String key);
  }

  /** Decides every node of one component (in key order) to {@code out}. */
  void resolve(List<Node> nodes, Consumer<Decision> out) {
    Map<String, Node> byKey = new HashMap<>();
    for (Node n : nodes) {
      byKey.put(n.key(), n);
    }
    resolve(
        new Component() {
          @Override
          public int size() {
            return nodes.size();
          }

          @Override
          public Node node(int i) {
            return nodes.get(i);
          }

          @Override
          public Cand cand(String key) {
            Node n = byKey.get(key);
            return n == null ? null : n.cand();
          }
        },
        out);
  }

  /**
   * Decides every node of one component, in order, to {@code out}: holds a kept flag per node and
   * one node at a time, so a component can live outside the heap ({@link NodeStore}).
   */
  void resolve(Component nodes, Consumer<Decision> out) {
    Map<String, Boolean> kept = new HashMap<>(2 * nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.node(i);
      Best best = best(n, kept);
      Half knocker = best.knocker();
      boolean isKept = knocker == null;
      kept.put(n.key(), isKept);
      out.accept(decision(n, isKept, isKept ? best.nearestCand : knocker, best, nodes));
    }
  }

  private Best best(Node n, Map<String, Boolean> kept) {
    String me = n.key();
    Best best = new Best();
    for (Half h : n.halves()) {
      if (offer(best, h, me)
          && (spec.policy == DedupPolicy.DROP_ALL || kept.getOrDefault(h.partner(), false))
          && h.beats(best.candKnock)) {
        best.candKnock = h;
      }
    }
    return best;
  }

  /** A pool half's text: the one it carries (see {@link AssembleFn}), else from the pool. */
  private String poolText(Half h) {
    return h.partnerText() != null ? h.partnerText() : pool.get(h.poolIndex());
  }

  private Decision decision(Node n, boolean isKept, Half nearest, Best best, Component nodes) {
    Cand partner = nearest == null || nearest.pool() ? null : nodes.cand(nearest.partner());
    String nearestText =
        nearest == null
            ? null
            : nearest.pool()
                ? poolText(nearest)
                : partner != null ? partner.item().text() : nearest.partnerText();
    Cand cand = n.cand();
    Half bestPoolEdge = best.bestPoolEdge;
    String poolText =
        cand.poolScanned()
            ? (cand.bestPool() < 0
                ? null
                : n.bestPoolText() != null ? n.bestPoolText() : pool.get(cand.bestPool()))
            : bestPoolEdge == null ? null : poolText(bestPoolEdge);
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
