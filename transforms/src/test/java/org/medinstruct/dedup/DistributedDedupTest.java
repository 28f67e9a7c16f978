package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.StageOutput;

/** The distributed join on the DirectRunner against the all-pairs reference. */
@ExtendWith(TestPipelineExtension.class)
class DistributedDedupTest {

  private static MedTask task(int i, String instruction) {
    return new MedTask(
        "t" + i,
        "Open Q&A",
        "Topic",
        "Student",
        "1",
        instruction,
        MedTask.NO_INPUT,
        1,
        i / 12,
        i % 12,
        List.of());
  }

  private static List<MedTask> seeds(String prefix, List<String> texts) {
    List<MedTask> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(
          MedTask.seed(
              String.format("%s%04d", prefix, i),
              new MedTask.Labels("Open Q&A", "T", "S", "1"),
              texts.get(i),
              MedTask.NO_INPUT));
    }
    return out;
  }

  private static PCollectionView<List<MedTask>> view(
      TestPipeline p, String name, List<MedTask> tasks) {
    return p.apply(name, Create.of(tasks).withCoder(SerializableCoder.of(MedTask.class)))
        .apply(name + "View", View.asList());
  }

  /**
   * The DirectRunner's immutability check walks the whole pipeline graph per bundle, which is
   * quadratic for pipelines with several composites; encodability is still checked.
   */
  private static void fast(TestPipeline p) {
    p.getOptions()
        .as(org.apache.beam.runners.direct.DirectOptions.class)
        .setEnforceImmutability(false);
  }

  /** Adds one distributed run and the reference's expected outcome to the pipeline. */
  private static void expectSameAsBruteForce(
      TestPipeline p,
      String name,
      List<String> texts,
      List<String> poolTexts,
      List<String> evalTexts,
      DedupPolicy policy,
      double threshold,
      double floor,
      int hotKeyBound,
      long shuffleSeed) {
    List<MedTask> ordered = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      ordered.add(task(i, texts.get(i)));
    }
    List<ScoredTask> expected =
        new DedupBatch(policy, threshold, floor, threshold, DedupAlgorithm.BRUTEFORCE)
            .run(ordered, poolTexts, evalTexts)
            .scored();
    List<ScoredTask> expectedKept = new ArrayList<>();
    List<ScoredTask> expectedDropped = new ArrayList<>();
    for (ScoredTask s : expected) {
      (s.kept() ? expectedKept : expectedDropped).add(s);
    }
    assertTrue(!expectedKept.isEmpty() && !expectedDropped.isEmpty(), name);
    List<MedTask> shuffled = new ArrayList<>(ordered);
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    DeduplicateBySimilarity stage =
        DeduplicateBySimilarity.against(view(p, name + "Pool", seeds("s", poolTexts)))
            .withPolicy(policy)
            .withThreshold(threshold)
            .withNeighbourFloor(floor)
            .withHotKeyBound(hotKeyBound);
    // The composite's default is the distributed join (what generate runs); a few shards in half
    // of the runs put many sub-keys on one shard.
    if (shuffleSeed % 2 == 1) {
      stage = stage.withShards(3);
    }
    if (evalTexts != null) {
      stage = stage.withDecontamination(view(p, name + "Eval", seeds("e", evalTexts)), threshold);
    }
    StageOutput<ScoredTask> r =
        p.apply(
                name + "Candidates",
                Create.of(shuffled).withCoder(SerializableCoder.of(MedTask.class)))
            .apply(name, stage);
    List<Rejection> expectedRejections = new ArrayList<>();
    for (ScoredTask s : expectedDropped) {
      expectedRejections.add(
          DeduplicateBySimilarity.rejection(s, DeduplicateBySimilarity.DROP_DETAIL));
    }
    PAssert.that(name + "Kept", r.values()).containsInAnyOrder(expectedKept);
    PAssert.that(name + "Dropped", r.rejected()).containsInAnyOrder(expectedRejections);
  }

  @Test
  void givenSyntheticCorporaWithPoolAndEvaluation_decidesExactlyAsBruteForceForBothPolicies(
      TestPipeline p) {
    // SyntheticInstructions mixes families of near-copies, empty and punctuation-only texts,
    // Unicode, 300+ token texts and pairs sitting exactly on the 0.7 float boundary.
    double[][] settings = {{0.7, 0.5}, {0.7, Double.POSITIVE_INFINITY}, {0.5, 0.8}, {0.9, 0.3}};
    fast(p);
    for (int seed = 1; seed <= 2; seed++) {
      List<String> all = SyntheticInstructions.generate(200, seed);
      List<String> pool = all.subList(0, 30);
      List<String> candidates = all.subList(30, all.size());
      List<String> eval =
          seed % 2 == 0 ? null : new ArrayList<>(SyntheticInstructions.generate(40, seed + 100));
      if (eval != null) {
        eval.addAll(candidates.subList(0, 5));
      }
      double[] s = settings[seed - 1];
      for (DedupPolicy policy : DedupPolicy.values()) {
        // A small bound forces hot-key splitting in half of the runs.
        expectSameAsBruteForce(
            p,
            "s" + seed + policy,
            candidates,
            pool,
            eval,
            policy,
            s[0],
            s[1],
            seed % 2 == 1 ? 6 : DistributedDedup.DEFAULT_HOT_KEY_BOUND,
            seed);
      }
    }
    p.run().waitUntilFinish();
  }

  @Test
  void givenTinyVocabulary_splitsHotKeysSoNoKeyHoldsMoreThanAboutTwoBuckets(TestPipeline p) {
    // Every text draws from six words, so every prefix token is on hundreds of records.
    Random random = new Random(7);
    String[] words = {"heart", "rate", "blood", "pressure", "dose", "renal"};
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = 0, n = 4 + random.nextInt(5); k < n; k++) {
        b.append(words[random.nextInt(words.length)]).append(' ');
      }
      texts.add(b.toString());
    }
    fast(p);
    int bound = 12;
    for (DedupPolicy policy : DedupPolicy.values()) {
      expectSameAsBruteForce(
          p, "tiny" + policy, texts, List.of("heart rate"), null, policy, 0.7, 0.5, bound, 1);
    }
    PipelineResult result = p.run();
    result.waitUntilFinish();
    MetricQueryResults m =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(DistributedDedup.METRICS))
                    .build());
    long hot = 0;
    for (MetricResult<Long> c : m.getCounters()) {
      if (c.getName().getName().equals("hotKeyPostings")) {
        hot += c.getAttempted();
      }
    }
    long maxRecords = 0;
    for (MetricResult<DistributionResult> d : m.getDistributions()) {
      if (d.getName().getName().equals("maxRecordsPerKey")) {
        maxRecords = Math.max(maxRecords, d.getAttempted().getMax());
      }
    }
    assertTrue(hot > 0, "no posting list was split");
    // Two buckets of about B records each; hashing may overfill a bucket a little.
    assertTrue(maxRecords <= 4 * bound, "a key held " + maxRecords + " records, bound " + bound);
    assertTrue(maxRecords > 0);
  }

  @Test
  void givenDefaultComposite_noStepGathersAllCandidatesUnderOneKey(TestPipeline p) {
    p.enableAbandonedNodeEnforcement(false);
    p.apply(Create.of(List.of(task(1, "a b c"))).withCoder(SerializableCoder.of(MedTask.class)))
        .apply(DeduplicateBySimilarity.against(view(p, "Pool", List.of())));
    List<String> names = new ArrayList<>();
    p.traverseTopologically(
        new org.apache.beam.sdk.Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(
              org.apache.beam.sdk.runners.TransformHierarchy.Node node) {
            names.add(node.getFullName());
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(
              org.apache.beam.sdk.runners.TransformHierarchy.Node node) {
            names.add(node.getFullName());
          }
        });
    assertTrue(
        names.stream().anyMatch(n -> n.contains("/Dedup/VerifyPairs/GroupPostings")),
        names.toString());
    assertTrue(
        names.stream()
            .noneMatch(n -> n.contains("KeyToOneWorker") || n.contains("GatherCandidates")),
        names.toString());
  }

  @Test
  void bucketsOfAHotKey_pairEveryTwoRecordsUnderExactlyOneSubKey() {
    int m = DistributedDedup.buckets(1000, 100);
    assertEquals(10, m);
    int[] counts = new int[m];
    for (int i = 0; i < 1000; i++) {
      counts[DistributedDedup.bucket("key" + i, m)]++;
    }
    for (int c : counts) {
      assertTrue(c > 50 && c < 150, "uneven buckets " + java.util.Arrays.toString(counts));
    }
  }
}
