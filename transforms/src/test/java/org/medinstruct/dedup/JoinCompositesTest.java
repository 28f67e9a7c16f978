package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.dedup.DistributedDedup.Item;

/**
 * Each composite of the distributed join alone on the DirectRunner, with malformed records (empty
 * texts, texts with no ROUGE token, an empty batch) and Unicode traps (İ, the Kelvin sign, ﬁ).
 */
@ExtendWith(TestPipelineExtension.class)
class JoinCompositesTest {
  /**
   * Greedy, threshold 0.7, floor 0.5, hot-key bound 2 (so small inputs split hot keys). One per
   * test: values derived from side inputs are cached per JVM under the spec's id.
   */
  private final JoinSpec spec = new JoinSpec(DedupPolicy.GREEDY, 0.7, 0.5, true, 2, 0, 4, null);

  private static byte[] rec(boolean pool, String key, String text) {
    return new Blob.Writer(64).bool(pool).str(key).str(text).toBytes();
  }

  private static PCollection<byte[]> records(TestPipeline p, byte[]... records) {
    return p.apply("Records", Create.of(List.of(records)).withCoder(ByteArrayCoder.of()));
  }

  private static PCollection<Integer> one(TestPipeline p, String name) {
    return p.apply(name, Create.of(0).withCoder(VarIntCoder.of()));
  }

  /** Reads a view of (key, count) batches as "key=count"; element keys are mapped back. */
  private static final class CountsFn extends DoFn<Integer, String> {
    private final JoinSpec spec;
    private final PCollectionView<List<byte[]>> counts;
    private final PCollectionView<List<byte[]>> hot;

    CountsFn(
        JoinSpec spec, PCollectionView<List<byte[]>> counts, PCollectionView<List<byte[]>> hot) {
      this.spec = spec;
      this.counts = counts;
      this.hot = hot;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, Integer> rank = spec.ranks(c.sideInput(counts));
      List<String> byRank = new ArrayList<>(rank.keySet());
      byRank.sort((a, b) -> Integer.compare(rank.get(a), rank.get(b)));
      for (byte[] b : c.sideInput(hot == null ? counts : hot)) {
        Blob.Reader r = new Blob.Reader(b);
        while (r.more()) {
          String key = hot == null ? r.str() : byRank.get((int) r.varlong());
          c.output(key.replace('\u0001', '#') + "=" + r.varlong());
        }
      }
    }
  }

  @Test
  void rankElements_countsEveryOccurrenceElementAndSkipsRecordsWithoutTokens(TestPipeline p) {
    PCollection<byte[]> records =
        records(
            p,
            rec(false, "a", "Heart rate"),
            rec(false, "b", "heart RATE heart"),
            rec(false, "c", ""),
            rec(false, "d", "İbuprofen \u212Aidney ﬁ"),
            rec(true, "0", "heart"));
    PCollectionView<List<byte[]>> counts = records.apply(new RankElements(spec));
    PCollection<String> out =
        one(p, "One").apply(ParDo.of(new CountsFn(spec, counts, null)).withSideInputs(counts));
    // İ is "i" then a break; the Kelvin sign is "k"; the ligature is no token at all.
    PAssert.that(out)
        .containsInAnyOrder("heart=3", "rate=2", "heart#1=1", "i=1", "buprofen=1", "kidney=1");
    p.run().waitUntilFinish();
  }

  @Test
  void findHotElements_keepsOnlyPrefixElementsWithMorePostingsThanTheBound(TestPipeline p) {
    PCollection<byte[]> records =
        records(
            p,
            rec(false, "a", "heart rate"),
            rec(false, "b", "heart rate"),
            rec(false, "c", "heart rate"),
            rec(false, "d", "heart rhythm"),
            rec(false, "e", "   "),
            rec(true, "0", "Heart Rate"));
    PCollectionView<List<byte[]>> counts = records.apply(new RankElements(spec));
    PCollectionView<List<byte[]>> hot = records.apply(new FindHotElements(spec, counts));
    PCollection<String> out =
        one(p, "One").apply(ParDo.of(new CountsFn(spec, counts, hot)).withSideInputs(counts, hot));
    // Floor 0.5: both tokens of a two-token text are prefix elements; rhythm has one posting.
    PAssert.that(out).containsInAnyOrder("heart=5", "rate=4");
    p.run().waitUntilFinish();
  }

  /** Half edges as "me<-partner@F", edges as "x-y" (sorted). */
  private static final class DescribeEdgesFn extends DoFn<KV<Integer, byte[]>, String> {
    private final boolean halves;

    DescribeEdgesFn(boolean halves) {
      this.halves = halves;
    }

    @ProcessElement
    public void process(@Element KV<Integer, byte[]> batch, OutputReceiver<String> out) {
      Blob.Reader r = new Blob.Reader(batch.getValue());
      while (r.more()) {
        if (halves) {
          int part = r.varint();
          if (part == Node.PART_HALVES) {
            GroupedHalves.read(
                r,
                (me, partner, f) ->
                    out.output(
                        Blob.unpack(me)
                            + "<-"
                            + Blob.unpack(partner)
                            + "@"
                            + String.format(Locale.ROOT, "%.4f", f)));
            continue;
          }
          if (part != Node.PART_HALF) {
            throw new IllegalStateException("not a half edge");
          }
          String me = r.key();
          Half h = Half.read(r);
          String partner = h.pool() ? "pool" + h.poolIndex() : h.partner();
          out.output(me + "<-" + partner + "@" + String.format(Locale.ROOT, "%.4f", h.f()));
        } else {
          String x = r.str();
          String y = r.str();
          out.output(x.compareTo(y) < 0 ? x + "-" + y : y + "-" + x);
        }
      }
    }
  }

  @Test
  void verifyPairs_findsEverySimilarPairOnceEvenUnderSplitHotKeys(TestPipeline p) {
    PCollection<byte[]> records =
        records(
            p,
            rec(false, "a", "heart rate high"),
            rec(false, "b", "Heart rate, HIGH!"),
            rec(false, "c", ""),
            rec(false, "d", "ﬁ ü"),
            rec(false, "e", "kidney stone pain"),
            rec(false, "f", "heart rate high today"),
            rec(true, "0", "heart rate high"));
    PCollectionView<List<byte[]>> counts = records.apply("Rank", new RankElements(spec));
    PCollectionView<List<byte[]>> hot = records.apply("Hot", new FindHotElements(spec, counts));
    VerifyPairs verify = new VerifyPairs(spec, counts, hot);
    PCollectionTuple out = records.apply("Verify", verify);
    // f vs a, b, pool: LCS 3 of 4 and 3 tokens, F = 6/7 (above the threshold).
    PAssert.that(out.get(verify.halves).apply("Halves", ParDo.of(new DescribeEdgesFn(true))))
        .containsInAnyOrder(
            "a<-b@1.0000",
            "b<-a@1.0000",
            "a<-pool0@1.0000",
            "b<-pool0@1.0000",
            "a<-f@0.8571",
            "f<-a@0.8571",
            "b<-f@0.8571",
            "f<-b@0.8571",
            "f<-pool0@0.8571");
    // Edges: a spanning forest of each shard's similar pairs, so a subset of a-b, a-f, b-f that
    // still connects a, b and f.
    PAssert.that(out.get(verify.edges).apply("Edges", ParDo.of(new DescribeEdgesFn(false))))
        .satisfies(
            edges -> {
              Map<String, String> root = new java.util.HashMap<>(Map.of("a", "a", "b", "b"));
              root.put("f", "f");
              for (String e : edges) {
                if (!List.of("a-b", "a-f", "b-f").contains(e)) {
                  throw new AssertionError("unexpected edge " + e);
                }
                String x = find(root, e.substring(0, 1));
                String y = find(root, e.substring(2));
                root.put(x, y);
              }
              if (!find(root, "a").equals(find(root, "b"))
                  || !find(root, "a").equals(find(root, "f"))) {
                throw new AssertionError("a, b and f are not connected by " + edges);
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static String find(Map<String, String> root, String x) {
    while (!root.get(x).equals(x)) {
      x = root.get(x);
    }
    return x;
  }

  /** Labels as "name>label". */
  private static final class DescribeLabelsFn extends DoFn<KV<Integer, byte[]>, String> {
    @ProcessElement
    public void process(@Element KV<Integer, byte[]> batch, OutputReceiver<String> out) {
      Blob.Reader r = new Blob.Reader(batch.getValue());
      while (r.more()) {
        if (r.varint() != Node.PART_LABEL) {
          throw new IllegalStateException("not a label");
        }
        out.output(r.str() + ">" + r.str());
      }
    }
  }

  @Test
  void labelComponents_labelsEachCandidateWithTheSmallestKeyOfItsComponent(TestPipeline p) {
    byte[] edges = new Blob.Writer(64).str("b").str("a").str("c").str("b").toBytes();
    byte[] more = new Blob.Writer(64).str("y").str("x").str("é1").str("y").toBytes();
    PCollection<KV<Integer, byte[]>> in =
        p.apply(
            Create.of(KV.of(0, edges), KV.of(0, new byte[0]), KV.of(0, more))
                .withCoder(ShardBatches.BATCH));
    PCollection<String> labels =
        in.apply(new LabelComponents(spec)).apply(ParDo.of(new DescribeLabelsFn()));
    // "é1" sorts after "x" and "y" (U+00E9), so x labels that component.
    PAssert.that(labels).containsInAnyOrder("a>a", "b>a", "c>a", "x>x", "y>x", "é1>x");
    p.run().waitUntilFinish();
  }

  /** A decision as "key kept|dropped nearest score nearestPool score". */
  static final class DescribeFn extends DoFn<Decision, String> {
    @ProcessElement
    public void process(@Element Decision d, OutputReceiver<String> out) {
      out.output(
          String.format(
              Locale.ROOT,
              "%s %s %s %.4f %s %.4f",
              d.item().key(),
              d.kept() ? "kept" : "dropped",
              d.nearest(),
              d.nearestScore(),
              d.nearestPool(),
              d.nearestPoolScore()));
    }
  }

  private static KV<Integer, byte[]> batch(Blob.Writer w) {
    return KV.of(0, w.toBytes());
  }

  @Test
  void decideCandidates_resolvesComponentsInKeyOrderAndLonelyCandidatesAlone(TestPipeline p) {
    Blob.Writer cands = new Blob.Writer(64);
    for (String[] kt : new String[][] {{"a", "heart rate"}, {"b", "heart rate"}, {"c", ""}}) {
      cands.varint(Node.PART_CAND);
      new Cand(new Item(kt[0], kt[1], new byte[] {1}), false, -1, Double.NaN).write(cands);
    }
    cands.varint(Node.PART_CAND);
    new Cand(new Item("d", "Ĉu \u212A?", null), false, -1, Double.NaN).write(cands);
    Blob.Writer halves = new Blob.Writer(64).varint(Node.PART_HALF);
    new Half("b", false, -1, "heart rate", 1.0).write(halves, "a");
    halves.varint(Node.PART_HALF);
    new Half("a", false, -1, "heart rate", 1.0).write(halves, "b");
    Blob.Writer labels = new Blob.Writer(64).varint(Node.PART_LABEL).str("a").str("a");
    labels.varint(Node.PART_LABEL).str("b").str("a");
    PCollectionView<List<String>> pool = DistributedDedup.textsView(p, "Pool", List.of());
    PCollectionList<KV<Integer, byte[]>> parts =
        PCollectionList.of(p.apply("Cands", Create.of(batch(cands)).withCoder(ShardBatches.BATCH)))
            .and(p.apply("Halves", Create.of(batch(halves)).withCoder(ShardBatches.BATCH)))
            .and(p.apply("Labels", Create.of(batch(labels)).withCoder(ShardBatches.BATCH)));
    PCollection<String> out =
        parts.apply(new DecideCandidates(spec, pool)).apply(ParDo.of(new DescribeFn()));
    PAssert.that(out)
        .containsInAnyOrder(
            "a kept heart rate 1.0000 null NaN",
            "b dropped heart rate 1.0000 null NaN",
            "c kept null NaN null NaN",
            "d kept null NaN null NaN");
    p.run().waitUntilFinish();
  }

  @Test
  void decideDuplicates_decidesEveryCandidateOnceWithUnicodeAndEmptyTexts(TestPipeline p) {
    List<Item> items =
        List.of(
            new Item("a", "Heart rate is high", null),
            new Item("b", "heart rate is high!", null),
            new Item("c", "", null),
            new Item("d", "İbuprofen dose for \u212Aidney pain", null),
            new Item("e", "ibuprofen dose for kidney pain", null));
    PCollection<Item> candidates =
        p.apply("Candidates", Create.of(items).withCoder(DistributedDedup.ItemCoder.of()));
    PCollectionView<List<String>> poolTexts =
        DistributedDedup.textsView(p, "PoolTexts", List.of("heart rate is high"));
    PCollection<Decision> decisions =
        new DistributedDedup(DedupPolicy.GREEDY, 0.7, 0.5, true, 2, 100)
            .withShards(3)
            .apply(
                "Dedup", candidates, DistributedDedup.poolItems(p, "Pool", poolTexts), poolTexts);
    // d is "i buprofen dose for kidney pain": LCS 4 with e, F = 8/11 > 0.7, so d knocks e out.
    PAssert.that(decisions.apply(ParDo.of(new DescribeFn())))
        .containsInAnyOrder(
            "a dropped heart rate is high 1.0000 heart rate is high 1.0000",
            "b dropped heart rate is high 1.0000 heart rate is high 1.0000",
            "c kept null NaN null NaN",
            "d kept ibuprofen dose for kidney pain 0.7273 null NaN",
            "e dropped İbuprofen dose for \u212Aidney pain 0.7273 null NaN");
    p.run().waitUntilFinish();
  }
}
