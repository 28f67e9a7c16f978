package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.StageOutput;

@ExtendWith(TestPipelineExtension.class)
class DeduplicateBySimilarityTest {

  private static MedTask task(int request, int position, String instruction) {
    return new MedTask(
        "t" + request + "-" + position,
        "Open Q&A",
        "Topic",
        "Student",
        "1",
        instruction,
        MedTask.NO_INPUT,
        1,
        request,
        position,
        List.of());
  }

  private static PCollection<MedTask> tasks(TestPipeline p, String name, List<MedTask> tasks) {
    return p.apply(name, Create.of(tasks).withCoder(SerializableCoder.of(MedTask.class)));
  }

  private static PCollectionView<List<MedTask>> view(
      TestPipeline p, String name, List<MedTask> tasks) {
    return tasks(p, name, tasks).apply(name + "View", View.asList());
  }

  @Test
  void givenShuffledFamilies_keepsFirstBySortKeyAndOutputsEveryTaskOnce(TestPipeline p) {
    List<String> texts = SyntheticInstructions.generate(300, 5);
    List<MedTask> ordered = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      ordered.add(task(i / 12, i % 12, texts.get(i)));
    }
    DedupResult expected =
        SimilarityDedup.create()
            .withAlgorithm(DedupAlgorithm.BRUTEFORCE)
            .dedup(List.of(), texts, DedupPolicy.GREEDY, 0.7);
    Set<String> expectedKept = new HashSet<>();
    Set<String> expectedDropped = new HashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      (expected.kept(i) ? expectedKept : expectedDropped).add(ordered.get(i).id());
    }
    assertTrue(!expectedKept.isEmpty() && !expectedDropped.isEmpty());
    List<MedTask> shuffled = new ArrayList<>(ordered);
    Collections.shuffle(shuffled, new Random(3));

    StageOutput<ScoredTask> r =
        tasks(p, "Candidates", shuffled)
            .apply(DeduplicateBySimilarity.against(view(p, "Pool", List.of())));

    PAssert.that(r.values())
        .satisfies(
            kept -> {
              Set<String> ids = new HashSet<>();
              kept.forEach(
                  s -> {
                    ids.add(s.task().id());
                    assertNull(s.reason());
                  });
              assertEquals(expectedKept, ids);
              return null;
            });
    PAssert.that(r.rejected())
        .satisfies(
            dropped -> {
              Set<String> ids = new HashSet<>();
              dropped.forEach(
                  rejection -> {
                    JsonObject o = JsonParser.parseString(rejection.element()).getAsJsonObject();
                    ids.add(o.get("id").getAsString());
                    assertEquals("dedup", rejection.stage());
                    assertEquals(ScoredTask.DUPLICATE, rejection.reason());
                    assertTrue(
                        o.get("rougeL").getAsDouble() > 0.7 && !o.get("nearest").isJsonNull());
                  });
              assertEquals(expectedDropped, ids);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void givenPoolAndEvaluationSet_reportsDecontaminatedDuplicateAndNearestSeed(TestPipeline p) {
    MedTask seed =
        MedTask.seed(
            "s1",
            new MedTask.Labels("Open Q&A", "Cardiology", "Student", "1"),
            "Explain how beta blockers lower blood pressure.",
            MedTask.NO_INPUT);
    MedTask exam =
        MedTask.seed(
            "e1",
            new MedTask.Labels("Open Q&A", "Renal", "Student", "1"),
            "What is the first-line treatment of hyperkalemia?",
            MedTask.NO_INPUT);
    List<MedTask> candidates =
        List.of(
            task(0, 0, "Explain how beta blockers lower the blood pressure."),
            task(0, 1, "What is the first line treatment for hyperkalemia?"),
            task(0, 2, "Explain how beta blockers work."),
            task(1, 0, "Describe the stages of chronic kidney disease."),
            task(1, 1, "Describe the five stages of chronic kidney disease."));

    StageOutput<ScoredTask> r =
        tasks(p, "Candidates", candidates)
            .apply(
                DeduplicateBySimilarity.against(view(p, "Pool", List.of(seed)))
                    .withPolicy(DedupPolicy.GREEDY)
                    .withDecontamination(view(p, "Exam", List.of(exam)), 0.7));

    PAssert.that(r.rejected())
        .containsInAnyOrder(
            dropped(
                candidates.get(0),
                seed.instruction(),
                RougeL.score(seed.instruction(), candidates.get(0).instruction()),
                ScoredTask.DUPLICATE),
            dropped(
                candidates.get(1),
                exam.instruction(),
                RougeL.score(exam.instruction(), candidates.get(1).instruction()),
                ScoredTask.DECONTAMINATED),
            dropped(
                candidates.get(4),
                candidates.get(3).instruction(),
                RougeL.score(candidates.get(3).instruction(), candidates.get(4).instruction()),
                ScoredTask.DUPLICATE));
    PAssert.that(r.failed()).empty();
    PAssert.that(
            r.rejected()
                .apply(
                    "Stages",
                    org.apache.beam.sdk.transforms.MapElements.into(
                            org.apache.beam.sdk.values.TypeDescriptors.strings())
                        .via(x -> x.stage())))
        .containsInAnyOrder("dedup", "decontaminate", "dedup");
    PAssert.that(r.values())
        .containsInAnyOrder(
            // Kept, but 0.615 against the dropped first candidate is above the 0.5 neighbour floor.
            new ScoredTask(
                candidates.get(2),
                candidates.get(0).instruction(),
                RougeL.score(candidates.get(0).instruction(), candidates.get(2).instruction()),
                seed.instruction(),
                RougeL.score(seed.instruction(), candidates.get(2).instruction()),
                null),
            new ScoredTask(
                candidates.get(3),
                candidates.get(4).instruction(),
                RougeL.score(candidates.get(3).instruction(), candidates.get(4).instruction()),
                null,
                Double.NaN,
                null));
    p.run().waitUntilFinish();
  }

  @Test
  void givenAlpacareSeedsAsPoolAndCandidates_dropAllDropsEverySeedCopy(TestPipeline p)
      throws Exception {
    Path seeds =
        Path.of(
            System.getProperty("medinstruct.shared", "../shared"), "data/alpacare/med_seed.json");
    assumeTrue(Files.exists(seeds), "shared AlpaCare data not present");
    List<MedTask> pool = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(seeds)) {
      JsonArray array = JsonParser.parseReader(reader).getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        String instruction = array.get(i).getAsJsonObject().get("instruction").getAsString();
        pool.add(
            MedTask.seed(
                "seed-" + i,
                new MedTask.Labels("t", "t", "v", "1"),
                instruction,
                MedTask.NO_INPUT));
      }
    }
    List<MedTask> copies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      copies.add(task(0, i, pool.get(i).instruction().toUpperCase(java.util.Locale.ROOT) + "!"));
    }
    StageOutput<ScoredTask> r =
        tasks(p, "Copies", copies)
            .apply(
                DeduplicateBySimilarity.against(view(p, "Seeds", pool))
                    .withPolicy(DedupPolicy.DROP_ALL));
    PAssert.that(r.values()).empty();
    PAssert.that(r.rejected())
        .satisfies(
            dropped -> {
              int n = 0;
              for (org.medinstruct.model.Rejection rejection : dropped) {
                n++;
                JsonObject o = JsonParser.parseString(rejection.element()).getAsJsonObject();
                assertEquals(1.0, o.get("rougeL").getAsDouble());
                assertEquals(
                    o.get("instruction").getAsString(),
                    o.get("nearest").getAsString().toUpperCase(java.util.Locale.ROOT) + "!");
              }
              assertEquals(20, n);
              return null;
            });
    p.run().waitUntilFinish();
  }

  /** A scored task as "id reason nearest F nearestSeed F". */
  private static final class DescribeFn extends DoFn<ScoredTask, String> {
    @ProcessElement
    public void process(@Element ScoredTask t, OutputReceiver<String> out) {
      out.output(
          String.format(
              Locale.ROOT,
              "%s %s %s %.4f %s %.4f",
              t.task().id(),
              t.reason(),
              t.nearest(),
              t.rougeL(),
              t.nearestSeed(),
              t.nearestSeedRougeL()));
    }
  }

  /** A rejection as "stage reason detail". */
  private static final class DescribeRejectionFn
      extends DoFn<org.medinstruct.model.Rejection, String> {
    @ProcessElement
    public void process(@Element org.medinstruct.model.Rejection r, OutputReceiver<String> out) {
      out.output(r.stage() + " " + r.reason() + " " + r.detail());
    }
  }

  @Test
  void givenNullEmptyAndUnicodeInstructions_bothAlgorithmsKeepTheEmptyOnesAndMatchRougeTokens(
      TestPipeline p) {
    // İ tokenizes as "i" then a break and the Kelvin sign as "k": t0-3 is "i buprofen dose for
    // kidney pain", LCS 4 with t0-4, F = 8/11 > 0.7. Null and empty instructions score 0.
    List<MedTask> candidates =
        List.of(
            task(0, 0, "Heart rate is high"),
            task(0, 1, null),
            task(0, 2, ""),
            task(0, 3, "İbuprofen dose for \u212Aidney pain"),
            task(0, 4, "ibuprofen dose for kidney pain"));
    PCollectionView<List<MedTask>> pool =
        view(p, "Pool", List.of(task(9, 0, "heart rate is high")));
    for (DedupAlgorithm algorithm : List.of(DedupAlgorithm.DISTRIBUTED, DedupAlgorithm.PREFIX)) {
      String name = algorithm.name();
      StageOutput<ScoredTask> r =
          tasks(p, name + "Candidates", candidates)
              .apply(name, DeduplicateBySimilarity.against(pool).withAlgorithm(algorithm));
      PAssert.that(
              name + "Kept", r.values().apply(name + "DescribeKept", ParDo.of(new DescribeFn())))
          .containsInAnyOrder(
              "t0-1 null null NaN null NaN",
              "t0-2 null null NaN null NaN",
              "t0-3 null ibuprofen dose for kidney pain 0.7273 null NaN");
      PAssert.that(
              name + "Dropped",
              r.rejected().apply(name + "DescribeDropped", ParDo.of(new DescribeRejectionFn())))
          .containsInAnyOrder(
              "dedup duplicate ROUGE-L 1.0000 with: heart rate is high",
              "dedup duplicate ROUGE-L 0.7273 with: İbuprofen dose for \u212Aidney pain");
    }
    p.run().waitUntilFinish();
  }

  /** The rejection a dropped task becomes, with the stage's default detail. */
  private static org.medinstruct.model.Rejection dropped(
      MedTask task, String nearest, double rougeL, String reason) {
    return DeduplicateBySimilarity.rejection(
        new ScoredTask(task, nearest, rougeL, null, Double.NaN, reason),
        DeduplicateBySimilarity.DROP_DETAIL);
  }
}
