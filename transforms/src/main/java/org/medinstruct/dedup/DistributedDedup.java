package org.medinstruct.dedup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Exact ROUGE-L dedup as a distributed similarity join in Beam: the same decisions as {@link
 * SimilarityDedup} (and {@link BruteForce}), with no step that holds the corpus on one worker.
 *
 * <ol>
 *   <li>Token-occurrence elements ((token, k-th occurrence), as in {@link PrefixJoin}) are counted
 *       with a Combine; the vocabulary (small next to the corpus) is ranked rarest first and
 *       broadcast as a side input.
 *   <li>Each record (candidates and pool items; pool items only knock out) emits its prefix
 *       elements as keys. The prefix is long enough for the lowest threshold of interest
 *       (min(threshold, neighbourFloor)) against the shortest feasible partner, so every wanted
 *       pair shares a prefix element.
 *   <li>Hot keys: a key whose posting list exceeds {@code hotKeyBound} B gets m = ceil(size / B)
 *       record-hash buckets and sub-keys (i, j), i &le; j; a record of bucket b goes to the m
 *       sub-keys (min(b, j), max(b, j)), so each sub-key holds about 2B records and does at most
 *       about B² pair checks (measured: distribution {@code maxWorkPerKey}).
 *   <li>Per (sub-)key: length filter, then the pair is only taken under its FIRST common prefix
 *       element (so it is verified once, with no dedupe shuffle), then the multiset-overlap bound
 *       and exact bit-parallel LCS; pairs with F &gt; threshold or F &ge; floor become edges.
 *   <li>Connected components of candidate-candidate edges by union-find on one worker over the
 *       sparse edge list only; then each component resolves the policy in order in parallel
 *       (greedy keep-first; drop-all needs only "has an edge above the threshold"). Candidates
 *       with no edge are decided on their own.
 * </ol>
 *
 * <p>Keys order the candidates (the greedy order, and lowest-index tie-breaks) and must be
 * unique; pool items are ranked by their position in the pool list. The nearest pool item is exact
 * (every pool item scanned) when the pool has at most {@code exactPoolLimit} items, as in {@link
 * SimilarityDedup}. Metrics in namespace {@code dedup}.
 */
public final class DistributedDedup implements Serializable {
  public static final String METRICS = "dedup";
  public static final int DEFAULT_HOT_KEY_BOUND = 2000;
  private static final double SLACK = 1e-6;

  /** A record of the join; {@code payload} travels with candidates to their decision. */
  public record Item(String key, String text, Serializable payload) implements Serializable {}

  /**
   * Outcome of one candidate: nearest / nearestScore as {@link DedupResult#nearest(int)} (text),
   * nearestPool / nearestPoolScore as {@link DedupResult#nearestPool(int)}; null / NaN when none.
   */
  public record Decision(Item item, boolean kept, String nearest, double nearestScore,
      String nearestPool, double nearestPoolScore) implements Serializable {}

  private final DedupPolicy policy;
  private final double threshold;
  private final double floor;
  private final boolean candidatePairs;
  private final int hotKeyBound;
  private final int exactPoolLimit;

  /**
   * @param policy how candidate-candidate edges above the threshold decide
   * @param candidatePairs false for decontamination: only candidate-pool pairs are joined
   */
  public DistributedDedup(DedupPolicy policy, double threshold, double neighbourFloor,
      boolean candidatePairs, int hotKeyBound, int exactPoolLimit) {
    this.policy = policy;
    this.threshold = threshold;
    this.floor = neighbourFloor;
    this.candidatePairs = candidatePairs;
    this.hotKeyBound = Math.max(1, hotKeyBound);
    this.exactPoolLimit = exactPoolLimit;
  }

  // ---------------------------------------------------------------- bounds

  private double joinThreshold() {
    return Math.min(threshold, floor);
  }

  int required(int a, int b) {
    return Math.max(1, (int) Math.ceil(joinThreshold() * (a + b) / 2.0 - SLACK));
  }

  int minPartnerLength(int a) {
    double jt = joinThreshold();
    int b = Math.max(1, (int) (jt * a / (2 - jt)) - 3);
    while (b < a && required(a, b) > b) {
      b++;
    }
    return b;
  }

  int prefixLength(int a) {
    return Math.min(a, Math.max(1, a - required(a, minPartnerLength(a)) + 1));
  }

  boolean lengthsFeasible(int a, int b) {
    return required(a, b) <= Math.min(a, b);
  }

  /** Bucket of a record in a hot key split into m buckets. */
  static int bucket(String key, int m) {
    int h = key.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), m);
  }

  /** Number of buckets for a posting list of {@code size} under bound B. */
  static int buckets(long size, int bound) {
    return (int) Math.min(4096, Math.max(1, (size + bound - 1) / bound));
  }

  // ---------------------------------------------------------------- data

  /** A record in the join: global token ids and its elements sorted by global rank. */
  record Rec(String key, boolean pool, String poolText, int[] seq, int[] elements)
      implements Serializable {}

  record Member(int bucket, Rec rec) implements Serializable {}

  record Edge(Rec x, Rec y, double f) implements Serializable {}

  /** One end of an edge seen from a candidate. */
  record Half(String partner, boolean pool, String poolText, double f) implements Serializable {}

  record Cand(Item item, boolean poolScanned, String bestPool, double bestPoolScore)
      implements Serializable {}

  record Node(Cand cand, List<Half> halves) implements Serializable {}

  private static <T extends Serializable> SerializableCoder<T> ser(Class<T> c) {
    return SerializableCoder.of(c);
  }

  private static String element(String token, int k) {
    return k == 0 ? token : token + '\u0001' + k;
  }

  // ---------------------------------------------------------------- pipeline

  /** Pool texts (ordered list, one element) as Items keyed by zero-padded position. */
  public static PCollection<Item> poolItems(
      org.apache.beam.sdk.Pipeline p, String name, PCollectionView<List<String>> texts) {
    return p.apply(name + "Start", Create.of((Void) null).withCoder(VoidCoder.of()))
        .apply(name + "Items", ParDo.of(new DoFn<Void, Item>() {
          @ProcessElement
          public void process(ProcessContext c) {
            List<String> t = c.sideInput(texts);
            for (int i = 0; i < t.size(); i++) {
              c.output(new Item(String.format("%010d", i), t.get(i), null));
            }
          }
        }).withSideInputs(texts))
        .setCoder(ser(Item.class));
  }

  /**
   * Decides every candidate. {@code poolTexts} is the ordered pool as one list; {@code pool} the
   * same items as a PCollection (see {@link #poolItems}).
   */
  public PCollection<Decision> apply(String name, PCollection<Item> candidates,
      PCollection<Item> pool, PCollectionView<List<String>> poolTexts) {
    org.apache.beam.sdk.Pipeline p = candidates.getPipeline();
    // (a) global element frequencies, ranked rarest first on one worker (vocabulary only).
    PCollection<KV<Boolean, Item>> all = PCollectionList
        .of(candidates.apply(name + "TagCandidates", WithKeys.of(false))
            .setCoder(KvCoder.of(org.apache.beam.sdk.coders.BooleanCoder.of(), ser(Item.class))))
        .and(pool.apply(name + "TagPool", WithKeys.of(true))
            .setCoder(KvCoder.of(org.apache.beam.sdk.coders.BooleanCoder.of(), ser(Item.class))))
        .apply(name + "AllRecords", Flatten.pCollections());
    PCollectionView<Map<String, Integer>> rank = all
        .apply(name + "Elements", ParDo.of(new DoFn<KV<Boolean, Item>, String>() {
          @ProcessElement
          public void process(ProcessContext c) {
            Map<String, Integer> seen = new HashMap<>();
            for (String t : RougeL.tokenize(c.element().getValue().text())) {
              int k = seen.merge(t, 1, Integer::sum) - 1;
              c.output(element(t, k));
            }
          }
        })).setCoder(StringUtf8Coder.of())
        .apply(name + "CountElements", Count.perElement())
        .apply(name + "VocabularyToOneWorker", WithKeys.of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply(name + "GatherVocabulary", GroupByKey.create())
        .apply(name + "RankRarestFirst", ParDo.of(
            new DoFn<KV<Void, Iterable<KV<String, Long>>>, KV<String, Integer>>() {
              @ProcessElement
              public void process(ProcessContext c) {
                List<KV<String, Long>> v = new ArrayList<>();
                c.element().getValue().forEach(v::add);
                v.sort(Comparator.<KV<String, Long>>comparingLong(KV::getValue)
                    .thenComparing(KV::getKey));
                for (int i = 0; i < v.size(); i++) {
                  c.output(KV.of(v.get(i).getKey(), i));
                }
              }
            }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .apply(name + "RankView", View.asMap());

    // (b) prefix elements as keys.
    PCollection<KV<Integer, Rec>> postings = all
        .apply(name + "EmitPrefixes", ParDo.of(new DoFn<KV<Boolean, Item>, KV<Integer, Rec>>() {
          // Batch, global window: the side input never changes, and some runners rebuild a map
          // view on every access, so it is read once per DoFn instance.
          private transient Map<String, Integer> cached;

          @ProcessElement
          public void process(ProcessContext c) {
            if (cached == null) {
              cached = new HashMap<>(c.sideInput(rank));
            }
            Map<String, Integer> r = cached;
            Item item = c.element().getValue();
            boolean isPool = c.element().getKey();
            List<String> tokens = RougeL.tokenize(item.text());
            if (tokens.isEmpty()) {
              return; // scores 0 against everything
            }
            int[] seq = new int[tokens.size()];
            int[] el = new int[tokens.size()];
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < seq.length; i++) {
              String t = tokens.get(i);
              int k = seen.merge(t, 1, Integer::sum) - 1;
              seq[i] = r.get(t);
              el[i] = r.get(element(t, k));
            }
            Arrays.sort(el);
            Rec rec = new Rec(item.key(), isPool, isPool ? item.text() : null, seq, el);
            for (int i = 0, n = prefixLength(el.length); i < n; i++) {
              c.output(KV.of(el[i], rec));
            }
          }
        }).withSideInputs(rank))
        .setCoder(KvCoder.of(VarIntCoder.of(), ser(Rec.class)));
    PCollectionView<Map<Integer, Long>> hot = postings
        .apply(name + "PostingKeys", Keys.create())
        .apply(name + "PostingSizes", Count.perElement())
        .apply(name + "HotKeys", Filter.by(new HotKeyPredicate(hotKeyBound)))
        .apply(name + "HotKeyView", View.asMap());
    PCollection<KV<Long, Member>> groups = postings
        .apply(name + "SplitHotKeys", ParDo.of(new DoFn<KV<Integer, Rec>, KV<Long, Member>>() {
          private final Counter hotKeys = Metrics.counter(METRICS, "hotKeyPostings");
          private transient Map<Integer, Long> cached;

          @ProcessElement
          public void process(ProcessContext c) {
            if (cached == null) {
              cached = new HashMap<>(c.sideInput(hot));
            }
            int e = c.element().getKey();
            Rec rec = c.element().getValue();
            Long size = cached.get(e);
            if (size == null) {
              c.output(KV.of(((long) e) << 24, new Member(0, rec)));
              return;
            }
            hotKeys.inc();
            int m = buckets(size, hotKeyBound);
            int b = bucket(rec.key(), m);
            for (int j = 0; j < m; j++) {
              long sub = ((long) Math.min(b, j) << 12) | Math.max(b, j);
              c.output(KV.of((((long) e) << 24) | sub, new Member(b, rec)));
            }
          }
        }).withSideInputs(hot))
        .setCoder(KvCoder.of(VarLongCoder.of(), ser(Member.class)));

    // (c, d) verify per (sub-)key; each pair only under its first common prefix element.
    PCollection<Edge> edges = groups
        .apply(name + "GroupPostings", GroupByKey.create())
        .apply(name + "Verify", ParDo.of(new VerifyFn(this)))
        .setCoder(ser(Edge.class));

    // (e) components of candidate-candidate edges, union-find over the sparse edge list.
    PCollection<KV<String, String>> labels = edges
        .apply(name + "CandidateEdges", ParDo.of(new DoFn<Edge, KV<Void, KV<String, String>>>() {
          @ProcessElement
          public void process(ProcessContext c) {
            Edge e = c.element();
            if (!e.x().pool() && !e.y().pool()) {
              c.output(KV.of(null, KV.of(e.x().key(), e.y().key())));
            }
          }
        }))
        .setCoder(KvCoder.of(VoidCoder.of(), KvCoder.of(StringUtf8Coder.of(),
            StringUtf8Coder.of())))
        .apply(name + "GatherEdgeList", GroupByKey.create())
        .apply(name + "UnionFind", ParDo.of(new UnionFindFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    PCollection<KV<String, Half>> halves = edges
        .apply(name + "Halves", ParDo.of(new DoFn<Edge, KV<String, Half>>() {
          @ProcessElement
          public void process(ProcessContext c) {
            Edge e = c.element();
            if (!e.x().pool()) {
              c.output(KV.of(e.x().key(),
                  new Half(e.y().key(), e.y().pool(), e.y().poolText(), e.f())));
            }
            if (!e.y().pool()) {
              c.output(KV.of(e.y().key(),
                  new Half(e.x().key(), e.x().pool(), e.x().poolText(), e.f())));
            }
          }
        }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ser(Half.class)));
    PCollection<KV<String, Cand>> cands = candidates
        .apply(name + "NearestPool", ParDo.of(new PoolScanFn(poolTexts, exactPoolLimit,
            candidatePairs)).withSideInputs(poolTexts))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ser(Cand.class)));

    TupleTag<Cand> candTag = new TupleTag<>();
    TupleTag<Half> halfTag = new TupleTag<>();
    TupleTag<String> labelTag = new TupleTag<>();
    TupleTag<Decision> lonelyTag = new TupleTag<>();
    TupleTag<KV<String, Node>> nodeTag = new TupleTag<>();
    var joined = KeyedPCollectionTuple.of(candTag, cands).and(halfTag, halves)
        .and(labelTag, labels)
        .apply(name + "JoinCandidateEdges", CoGroupByKey.create())
        .apply(name + "ToComponents", ParDo.of(
            new DoFn<KV<String, CoGbkResult>, KV<String, Node>>() {
              @ProcessElement
              public void process(ProcessContext c) {
                CoGbkResult r = c.element().getValue();
                List<Cand> cs = new ArrayList<>();
                r.getAll(candTag).forEach(cs::add);
                if (cs.size() != 1) {
                  throw new IllegalStateException("candidate key '" + c.element().getKey()
                      + "' must be unique, found " + cs.size() + " candidates");
                }
                Cand cand = cs.get(0);
                List<Half> hs = new ArrayList<>();
                r.getAll(halfTag).forEach(hs::add);
                if (hs.isEmpty()) {
                  c.output(lonelyTag, new Decision(cand.item(), true, null, Double.NaN,
                      cand.bestPool(), cand.bestPoolScore()));
                  return;
                }
                String label = r.getOnly(labelTag, c.element().getKey());
                c.output(KV.of(label, new Node(cand, hs)));
              }
            }).withOutputTags(nodeTag, org.apache.beam.sdk.values.TupleTagList.of(lonelyTag)));
    PCollection<Decision> lonely = joined.get(lonelyTag).setCoder(ser(Decision.class));
    PCollection<Decision> resolved = joined.get(nodeTag)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ser(Node.class)))
        .apply(name + "GroupComponents", GroupByKey.create())
        .apply(name + "ResolveComponents", ParDo.of(new ResolveFn(this)))
        .setCoder(ser(Decision.class));
    return PCollectionList.of(lonely).and(resolved)
        .apply(name + "Decisions", Flatten.pCollections());
  }

  // ---------------------------------------------------------------- steps

  private record HotKeyPredicate(int bound)
      implements org.apache.beam.sdk.transforms.SerializableFunction<KV<Integer, Long>, Boolean> {
    @Override
    public Boolean apply(KV<Integer, Long> kv) {
      return kv.getValue() > bound;
    }
  }

  /** Verifies the pairs of one (sub-)key. */
  private static final class VerifyFn extends DoFn<KV<Long, Iterable<Member>>, Edge> {
    private final DistributedDedup spec;
    private final Counter candidatePairs = Metrics.counter(METRICS, "candidatePairs");
    private final Counter verifiedPairs = Metrics.counter(METRICS, "verifiedPairs");
    private final Counter similarPairs = Metrics.counter(METRICS, "similarPairs");
    private final Distribution workPerKey = Metrics.distribution(METRICS, "maxWorkPerKey");
    private final Distribution keySize = Metrics.distribution(METRICS, "maxRecordsPerKey");
    private transient BitLcs lcs;
    private transient int capacity;

    VerifyFn(DistributedDedup spec) {
      this.spec = spec;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      long key = c.element().getKey();
      int e = (int) (key >>> 24);
      int bi = (int) ((key >>> 12) & 0xFFF);
      int bj = (int) (key & 0xFFF);
      List<Rec> left = new ArrayList<>();
      List<Rec> right = new ArrayList<>();
      int maxId = 0;
      for (Member m : c.element().getValue()) {
        if (bi == bj || m.bucket() == bi) {
          left.add(m.rec());
        } else {
          right.add(m.rec());
        }
        for (int t : m.rec().seq()) {
          maxId = Math.max(maxId, t);
        }
      }
      if (lcs == null || maxId >= capacity) {
        capacity = Math.max(maxId + 1, capacity * 2);
        lcs = new BitLcs(capacity);
      }
      keySize.update(left.size() + right.size());
      long work = 0;
      if (bi == bj) {
        for (int u = 0; u < left.size(); u++) {
          for (int v = u + 1; v < left.size(); v++) {
            work++;
            check(c, e, left.get(u), left.get(v));
          }
        }
      } else {
        for (Rec x : left) {
          for (Rec y : right) {
            work++;
            check(c, e, x, y);
          }
        }
      }
      workPerKey.update(work);
    }

    private void check(ProcessContext c, int e, Rec x, Rec y) {
      if (x.pool() && y.pool()) {
        return;
      }
      if (!spec.candidatePairs && !x.pool() && !y.pool()) {
        return;
      }
      int[] sx = x.elements();
      int[] sy = y.elements();
      int a = sx.length, b = sy.length;
      if (!spec.lengthsFeasible(a, b)) {
        return;
      }
      long at = firstCommon(sx, spec.prefixLength(a), sy, spec.prefixLength(b));
      if (at < 0 || sx[(int) (at >>> 32)] != e) {
        return;
      }
      int need = spec.required(a, b);
      // Position filter: nothing before the first common element is shared.
      int i = (int) (at >>> 32), j = (int) at;
      if (1 + Math.min(a - i - 1, b - j - 1) < need) {
        return;
      }
      candidatePairs.inc();
      if (!PrefixJoin.overlapReaches(sx, 0, sy, 0, 0, need)) {
        return;
      }
      verifiedPairs.inc();
      lcs.load(x.seq());
      int l = lcs.lcs(y.seq());
      if (l < need) {
        return;
      }
      double f = RougeL.fmeasure(l, b, a);
      if (f > spec.threshold || f >= spec.floor) {
        similarPairs.inc();
        c.output(new Edge(x, y, f));
      }
    }

    /** Positions (i &lt;&lt; 32 | j) of the first common prefix element, or -1. */
    private static long firstCommon(int[] x, int px, int[] y, int py) {
      int i = 0, j = 0;
      while (i < px && j < py) {
        if (x[i] == y[j]) {
          return ((long) i << 32) | j;
        } else if (x[i] < y[j]) {
          i++;
        } else {
          j++;
        }
      }
      return -1;
    }
  }

  /** Connected components of the candidate edge list; label = smallest key of the component. */
  private static final class UnionFindFn
      extends DoFn<KV<Void, Iterable<KV<String, String>>>, KV<String, String>> {
    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, Integer> id = new HashMap<>();
      List<String> names = new ArrayList<>();
      int[] parent = new int[16];
      List<int[]> pairs = new ArrayList<>();
      for (KV<String, String> kv : c.element().getValue()) {
        int[] ab = new int[2];
        for (int s = 0; s < 2; s++) {
          String k = s == 0 ? kv.getKey() : kv.getValue();
          Integer v = id.get(k);
          if (v == null) {
            v = names.size();
            id.put(k, v);
            names.add(k);
          }
          ab[s] = v;
        }
        pairs.add(ab);
      }
      parent = new int[names.size()];
      for (int i = 0; i < parent.length; i++) {
        parent[i] = i;
      }
      for (int[] ab : pairs) {
        int ra = find(parent, ab[0]);
        int rb = find(parent, ab[1]);
        if (ra != rb) {
          // Root is the smaller key, so the label is the component's first candidate.
          if (names.get(ra).compareTo(names.get(rb)) < 0) {
            parent[rb] = ra;
          } else {
            parent[ra] = rb;
          }
        }
      }
      Distribution size = Metrics.distribution(METRICS, "componentNodes");
      size.update(names.size());
      for (int i = 0; i < names.size(); i++) {
        c.output(KV.of(names.get(i), names.get(find(parent, i))));
      }
    }

    private static int find(int[] parent, int x) {
      while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }
  }

  /** Per candidate: the exact nearest pool item when the pool is small (as PoolScan). */
  private static final class PoolScanFn extends DoFn<Item, KV<String, Cand>> {
    private final PCollectionView<List<String>> poolTexts;
    private final int limit;
    private final boolean enabled;
    private transient Map<String, Integer> ids;
    private transient int[][] poolSeqs;
    private transient List<String> poolList;
    private transient BitLcs lcs;
    private transient int capacity;

    PoolScanFn(PCollectionView<List<String>> poolTexts, int limit, boolean enabled) {
      this.poolTexts = poolTexts;
      this.limit = limit;
      this.enabled = enabled;
    }

    private int[] ids(String text) {
      List<String> t = RougeL.tokenize(text);
      int[] s = new int[t.size()];
      for (int i = 0; i < s.length; i++) {
        Integer v = ids.putIfAbsent(t.get(i), ids.size());
        s[i] = v == null ? ids.size() - 1 : v;
      }
      return s;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Item item = c.element();
      if (poolList == null) {
        poolList = new ArrayList<>(c.sideInput(poolTexts));
      }
      List<String> pool = poolList;
      if (!enabled || pool.size() > limit) {
        c.output(KV.of(item.key(), new Cand(item, false, null, Double.NaN)));
        return;
      }
      if (ids == null) {
        ids = new HashMap<>();
        poolSeqs = new int[pool.size()][];
        for (int p = 0; p < pool.size(); p++) {
          poolSeqs[p] = ids(pool.get(p));
        }
      }
      int[] x = ids(item.text());
      if (lcs == null || ids.size() > capacity) {
        capacity = Math.max(ids.size() + 1024, capacity * 2);
        lcs = new BitLcs(capacity);
      }
      int bestIndex = -1;
      double best = 0.0;
      if (x.length > 0) {
        lcs.load(x);
        for (int p = 0; p < poolSeqs.length; p++) {
          int[] s = poolSeqs[p];
          if (s.length == 0) {
            continue;
          }
          double f = RougeL.fmeasure(lcs.lcs(s), s.length, x.length);
          if (f > best) {
            best = f;
            bestIndex = p;
          }
        }
      }
      c.output(KV.of(item.key(), bestIndex < 0 ? new Cand(item, true, null, Double.NaN)
          : new Cand(item, true, pool.get(bestIndex), best)));
    }
  }

  /** Resolves one component in key order, as {@link SimilarityDedup#dedup} does globally. */
  private static final class ResolveFn extends DoFn<KV<String, Iterable<Node>>, Decision> {
    private final DistributedDedup spec;
    private final Distribution componentSize = Metrics.distribution(METRICS, "componentSize");

    ResolveFn(DistributedDedup spec) {
      this.spec = spec;
    }

    private static boolean better(Half h, Half best) {
      return best == null || h.f() > best.f()
          || (h.f() == best.f() && h.partner().compareTo(best.partner()) < 0);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      List<Node> nodes = new ArrayList<>();
      c.element().getValue().forEach(nodes::add);
      nodes.sort(Comparator.comparing(n -> n.cand().item().key()));
      componentSize.update(nodes.size());
      Map<String, Node> byKey = new HashMap<>();
      for (Node n : nodes) {
        byKey.put(n.cand().item().key(), n);
      }
      Map<String, Boolean> kept = new HashMap<>();
      double t = spec.threshold;
      for (Node n : nodes) {
        String me = n.cand().item().key();
        Half poolKnock = null, candKnock = null, nearestCand = null, bestPoolEdge = null;
        for (Half h : n.halves()) {
          if (h.pool()) {
            if (h.f() > t && better(h, poolKnock)) {
              poolKnock = h;
            }
            if (h.f() > 0 && better(h, bestPoolEdge)) {
              bestPoolEdge = h;
            }
          } else {
            boolean eligible = spec.policy == DedupPolicy.DROP_ALL
                || (h.partner().compareTo(me) < 0 && kept.getOrDefault(h.partner(), false));
            if (eligible && h.f() > t && better(h, candKnock)) {
              candKnock = h;
            }
            if (h.f() >= spec.floor && better(h, nearestCand)) {
              nearestCand = h;
            }
          }
        }
        Half knocker = poolKnock;
        if (candKnock != null && (knocker == null || candKnock.f() > knocker.f())) {
          knocker = candKnock;
        }
        boolean isKept = knocker == null;
        kept.put(me, isKept);
        Half nearest = isKept ? nearestCand : knocker;
        String nearestText = nearest == null ? null : nearest.pool() ? nearest.poolText()
            : byKey.get(nearest.partner()).cand().item().text();
        Cand cand = n.cand();
        String poolText = cand.poolScanned() ? cand.bestPool()
            : bestPoolEdge == null ? null : bestPoolEdge.poolText();
        double poolScore = cand.poolScanned() ? cand.bestPoolScore()
            : bestPoolEdge == null ? Double.NaN : bestPoolEdge.f();
        c.output(new Decision(cand.item(), isKept, nearestText,
            nearest == null ? Double.NaN : nearest.f(), poolText, poolScore));
      }
    }
  }

  /** One element: the texts in the given order (for pool views built from a list). */
  public static PCollectionView<List<String>> textsView(
      org.apache.beam.sdk.Pipeline p, String name, List<String> texts) {
    return p.apply(name, Create.of(List.of(texts)).withCoder(ListCoder.of(StringUtf8Coder.of())))
        .apply(name + "AsSingleton", View.asSingleton());
  }
}
