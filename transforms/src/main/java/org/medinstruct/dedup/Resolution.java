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

    /** The position in key order of the node with {@code key}, or -1 when it is not here. */
    int indexOf(String key);

    /** {@link #indexOf(String)} of a key packed by {@link Blob#pack}. */
    default int indexOf(long packedKey) {
      return indexOf(Blob.unpack(packedKey));
    }
  }

  /** Decides every node of one component (in key order) to {@code out}. */
  void resolve(List<Node> nodes, Consumer<Decision> out) {
    Map<String, Integer> byKey = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      byKey.put(nodes.get(i).key(), i);
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
            Integer i = byKey.get(key);
            return i == null ? null : nodes.get(i).cand();
          }

          @Override
          public int indexOf(String key) {
            return byKey.getOrDefault(key, -1);
          }
        },
        out);
  }

  /**
   * Decides every node of one component, in order, to {@code out}: holds a kept flag per node and
   * one node at a time, so a component can live outside the heap ({@link NodeStore}).
   */
  void resolve(Component nodes, Consumer<Decision> out) {
    boolean[] kept = new boolean[nodes.size()]; // by position; later nodes are not kept yet
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.node(i);
      Best best = best(n, nodes, kept);
      Half knocker = best.knocker();
      boolean isKept = knocker == null;
      kept[i] = isKept;
      out.accept(decision(n, isKept, isKept ? best.nearestCand : knocker, best, nodes));
    }
  }

  private Best best(Node n, Component nodes, boolean[] kept) {
    String me = n.key();
    Best best = new Best();
    List<Half> halves = n.halves();
    int from = 0;
    if (halves instanceof Node.CompactHalves compact) {
      from = compact.compactSize();
      bestOfCompact(best, compact, me, nodes, kept);
    }
    for (int i = from; i < halves.size(); i++) {
      offerKnocker(best, halves.get(i), me, nodes, kept);
    }
    return best;
  }

  /** {@link #offer}, then {@code h} as the knocker if its partner is kept and it beats the best. */
  private void offerKnocker(Best best, Half h, String me, Component nodes, boolean[] kept) {
    if (offer(best, h, me)
        && (spec.policy == DedupPolicy.DROP_ALL || isKept(kept, nodes.indexOf(h.partner())))
        && h.beats(best.candKnock)) {
      best.candKnock = h;
    }
  }

  /**
   * What {@link #offer} and the knock-out check of {@link #best} do for each half held in {@code
   * c}'s arrays, without a {@link Half} or a String per half: a half is built only when its score
   * can change a maximum, and a packed partner of the same key length as {@code me} is compared and
   * looked up by value (a dense component's resolution makes hundreds of millions of these checks).
   */
  private void bestOfCompact(
      Best best, Node.CompactHalves c, String me, Component nodes, boolean[] kept) {
    long mePacked = Blob.pack(me);
    long meLength = mePacked >>> Blob.PACKED_VALUE_BITS;
    boolean dropAll = spec.policy == DedupPolicy.DROP_ALL;
    for (int i = 0; i < c.compactSize(); i++) {
      double f = c.score(i);
      boolean nearer = f >= spec.floor && (best.nearestCand == null || f >= best.nearestCand.f());
      boolean knocks = f > spec.threshold && (best.candKnock == null || f >= best.candKnock.f());
      if (!nearer && !knocks) {
        continue; // cannot beat either maximum
      }
      long p = c.packed(i);
      if (p < 0 || mePacked < 0 || p >>> Blob.PACKED_VALUE_BITS != meLength) {
        offerKnocker(best, c.get(i), me, nodes, kept); // as the general loop does
        continue;
      }
      Half h = null;
      if (nearer) {
        h = c.get(i);
        if (h.beats(best.nearestCand)) {
          best.nearestCand = h;
        }
      }
      // Same length: the packed order is the keys' order.
      if (knocks && (dropAll || (p < mePacked && isKept(kept, nodes.indexOf(p))))) {
        h = h != null ? h : c.get(i);
        if (h.beats(best.candKnock)) {
          best.candKnock = h;
        }
      }
    }
  }

  private static boolean isKept(boolean[] kept, int index) {
    return index >= 0 && kept[index];
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
