package org.medinstruct.pipeline;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * For fixtures in other test packages: summary.json built by the production code ({@link
 * Summary#build} then {@link Summary#complete}) from the lines a run wrote, so a fixture cannot
 * drift from what a run writes.
 */
public final class SummaryFixtures {
  private SummaryFixtures() {}

  /** The round record a generate round leaves for {@link Summary#build}. */
  public static String roundLine(RoundState s) {
    return OutputRecords.roundJson(s);
  }

  public static JsonObject summary(
      SummaryContext ctx,
      long target,
      List<String> accepted,
      List<String> rejected,
      List<String> failed,
      List<String> usage,
      List<String> rounds,
      long startedMillis,
      long finishedMillis,
      JsonObject http,
      JsonObject stageSeconds) {
    JsonObject s = Summary.build(ctx, target, accepted, rejected, failed, usage, rounds);
    Summary.complete(s, startedMillis, finishedMillis, http, stageSeconds);
    return s;
  }
}
