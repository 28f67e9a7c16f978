package org.medinstruct.pipeline.dedup;

import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medinstruct.dedup.ScoredTask;

/**
 * What a finished dedup wrote, counted from its files: the summary's kept and dropped figures when
 * the runner's metrics miss the writer's counters (a detached Flink job's final accumulators are
 * not always there when the launcher reads them).
 */
record DedupCounts(long kept, long duplicate, long decontaminated) {
  /** Whether these counts account for all {@code n} input records. */
  boolean cover(long n) {
    return kept + duplicate + decontaminated == n;
  }

  /** The lines of {@code out}'s kept.jsonl and dropped.jsonl, the latter by reason. */
  static DedupCounts fromFiles(Path out) throws IOException {
    long kept;
    try (var lines = Files.lines(out.resolve("kept.jsonl"), StandardCharsets.UTF_8)) {
      kept = lines.count();
    }
    long duplicate = 0, decontaminated = 0;
    try (BufferedReader in = Files.newBufferedReader(out.resolve("dropped.jsonl"))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String reason = JsonParser.parseString(line).getAsJsonObject().get("reason").getAsString();
        if (ScoredTask.DECONTAMINATED.equals(reason)) {
          decontaminated++;
        } else {
          duplicate++;
        }
      }
    }
    return new DedupCounts(kept, duplicate, decontaminated);
  }
}
