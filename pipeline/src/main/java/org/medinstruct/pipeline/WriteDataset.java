package org.medinstruct.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.progress.StopMarker;

/**
 * Joins the shards that {@link WriteShards} wrote (one directory per job) into the five result
 * files of a run, as single files: medinstruct.json, medinstruct.jsonl, rejected.jsonl,
 * failed.jsonl and summary.json.
 *
 * <p>Runs in the launcher after the last job: each kind's lines are sorted by their keys (so every
 * runner writes the same bytes), the accepted pairs are trimmed to exactly the target (the surplus
 * goes to rejected.jsonl as {@code target/surplus_over_target}), and each file is written to a
 * hidden temporary name and renamed into place only when all are written: a failed run leaves no
 * half-written dataset. summary.json is renamed last. When a worker's stop marker says a systemic
 * endpoint failure stopped the run, nothing is written (the launcher exits 5). When the built-in
 * simulated endpoint served the run, every medinstruct.jsonl record carries {@code "simulated":
 * true} (medinstruct.json keeps the MedInstruct-52k layout; summary.json says {@code "endpoint":
 * "simulated"}).
 */
public final class WriteDataset {
  public static final List<String> FILES =
      List.of(
          "medinstruct.json",
          "medinstruct.jsonl",
          "rejected.jsonl",
          "failed.jsonl",
          "summary.json");

  private WriteDataset() {}

  /**
   * Writes the five files from the shards in {@code shardDirs} and the round records (JSON, in
   * round order; a job may also write round records as shards, which follow them in key order);
   * {@code target} below 0 keeps every accepted pair.
   */
  public static void join(
      List<String> shardDirs,
      List<String> rounds,
      String output,
      long target,
      SummaryContext context)
      throws IOException {
    if (StopMarker.read(context.stopDir()) != null) {
      return; // A systemic failure stopped the run: nothing is written, the launcher exits 5.
    }
    Comparator<OutputRecord> order =
        Comparator.comparing(OutputRecord::sortKey).thenComparing(OutputRecord::json);
    Map<String, List<OutputRecord>> byKind = new LinkedHashMap<>();
    for (String kind :
        List.of(
            OutputRecord.ACCEPTED,
            OutputRecord.REJECTED,
            OutputRecord.FAILED,
            OutputRecord.USAGE,
            OutputRecord.ROUND)) {
      List<OutputRecord> records = new ArrayList<>();
      for (String dir : shardDirs) {
        ShardFiles.forEachLine(
            dir, kind, line -> records.add(OutputRecord.fromShardLine(kind, line)));
      }
      records.sort(order);
      byKind.put(kind, records);
    }

    List<String> accepted = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (OutputRecord r : byKind.get(OutputRecord.ACCEPTED)) {
      if (target < 0 || accepted.size() < target) {
        accepted.add(context.simulated() ? markSimulated(r.json()) : r.json());
      } else {
        rejected.add(surplus(r.json()));
      }
    }
    byKind.get(OutputRecord.REJECTED).forEach(r -> rejected.add(r.json()));
    List<String> failed = jsons(byKind.get(OutputRecord.FAILED));
    List<String> allRounds = new ArrayList<>(rounds);
    allRounds.addAll(jsons(byKind.get(OutputRecord.ROUND)));
    JsonObject summary =
        Summary.build(
            context,
            target,
            accepted,
            rejected,
            failed,
            jsons(byKind.get(OutputRecord.USAGE)),
            allRounds);
    byKind.clear();

    JsonArray dataset = new JsonArray();
    for (String line : accepted) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      JsonObject d = new JsonObject();
      d.add("instruction", o.get("instruction"));
      d.add("input", o.get("input"));
      d.add("output", o.get("output"));
      dataset.add(d);
    }
    Map<String, String> contents = new LinkedHashMap<>();
    contents.put(
        "medinstruct.json",
        Records.GSON.newBuilder().setPrettyPrinting().create().toJson(dataset) + "\n");
    contents.put("medinstruct.jsonl", lines(accepted));
    contents.put("rejected.jsonl", lines(rejected));
    contents.put("failed.jsonl", lines(failed));
    contents.put(
        "summary.json",
        Records.GSON.newBuilder().setPrettyPrinting().create().toJson(summary) + "\n");
    writeAtomically(output, contents);
  }

  /** Every record the simulated endpoint answered says so: its data is synthetic. */
  private static String markSimulated(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    o.addProperty("simulated", true);
    return Records.toJson(o);
  }

  /** An accepted record beyond the target, as the dead-letter path writes a rejection. */
  private static String surplus(String acceptedJson) {
    return Records.toJson(
        Records.rejection(
            new Rejection(
                "target",
                "surplus_over_target",
                "accepted beyond the target; trimmed in (round, request, position) order",
                acceptedJson)));
  }

  private static List<String> jsons(List<OutputRecord> records) {
    List<String> out = new ArrayList<>(records.size());
    records.forEach(r -> out.add(r.json()));
    return out;
  }

  private static String lines(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }

  /**
   * Writes every file under a hidden temporary name, then renames them into place (summary last),
   * through Beam's FileSystems so the output may be local or remote.
   */
  public static void writeAtomically(String output, Map<String, String> contents)
      throws IOException {
    ResourceId dir = FileSystems.matchNewResource(output, true);
    String suffix = ".tmp-" + UUID.randomUUID();
    List<ResourceId> temps = new ArrayList<>();
    List<ResourceId> finals = new ArrayList<>();
    try {
      for (Map.Entry<String, String> e : contents.entrySet()) {
        ResourceId temp =
            dir.resolve("." + e.getKey() + suffix, StandardResolveOptions.RESOLVE_FILE);
        temps.add(temp);
        try (OutputStream out = Channels.newOutputStream(FileSystems.create(temp, "text/plain"))) {
          out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        finals.add(dir.resolve(e.getKey(), StandardResolveOptions.RESOLVE_FILE));
      }
    } catch (IOException | RuntimeException e) {
      // A failed write leaves no hidden temporary file behind: nothing half-written.
      FileSystems.delete(temps, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      throw e;
    }
    for (int i = 0; i < temps.size(); i++) {
      FileSystems.rename(
          List.of(temps.get(i)),
          List.of(finals.get(i)),
          MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }
}
