package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.tasks.TaskFilter;

/**
 * Issue 11's check: with AlpaCare's seeds and an endpoint whose tasks carry inputs of realistic
 * length (the built-in simulated endpoint, a test double for a paid API, writes inputs of about
 * 20-300 words), the filters keep the method's mix: the share of accepted tasks that have an input
 * is within 10 points of the share among parsed tasks.
 */
class InputShareTest {
  @TempDir Path tmp;

  @Test
  void givenAlpaCareSeedsAndRealisticInputs_acceptedInputShareWithin10PointsOfParsed()
      throws Exception {
    Optional<Path> seeds = SharedData.alpacare("med_seed.json");
    assumeTrue(seeds.isPresent(), "AlpaCare's med_seed.json is not in the shared data directory");
    Path out = tmp.resolve("out");
    Runs.generate(
        "--output=" + out,
        "--cacheDir=" + tmp.resolve("cache"),
        "--seedTasks=" + seeds.get(),
        "--targetInstructions=100");

    JsonObject types = Runs.summary(out).getAsJsonObject("task_types");
    JsonObject withInput = types.getAsJsonObject("with_input");
    long parsed = 0;
    for (var e : types.getAsJsonObject("by_type").entrySet()) {
      parsed +=
          e.getKey().equals(TypeDistribution.UNPARSED)
              ? 0
              : e.getValue().getAsJsonObject().get("generated").getAsLong();
    }
    long accepted = Runs.count(Runs.summary(out), "accepted");
    double parsedShare = (double) withInput.get("generated").getAsLong() / parsed;
    double acceptedShare = (double) withInput.get("accepted").getAsLong() / accepted;
    assertThat(accepted, is(100L));
    assertThat("some parsed tasks have an input", parsedShare, greaterThan(0.2));
    assertThat(
        "accepted " + acceptedShare + " vs parsed " + parsedShare,
        Math.abs(acceptedShare - parsedShare),
        lessThanOrEqualTo(0.10));

    // The premise: the endpoint's inputs have realistic lengths, many outside the old 50-200
    // bounds.
    long outsideOldBounds =
        Runs.jsonl(out.resolve("medinstruct.jsonl")).stream()
            .map(r -> r.get("input").getAsString())
            .filter(in -> !in.isBlank() && !in.equals("<noinput>"))
            .mapToInt(TaskFilter::words)
            .filter(n -> n < 50 || n > 200)
            .count();
    assertThat("accepted inputs outside 50-200 words", outsideOldBounds, greaterThan(0L));
  }
}
