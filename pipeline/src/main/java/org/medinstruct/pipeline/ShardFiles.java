package org.medinstruct.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The hidden work area of a run under its output directory ({@code <output>/.work-<id>/}), where
 * each job writes its shards ({@link WriteShards}), and the launcher's reads of those shards. Local
 * paths or any Beam FileSystems path the workers share with the launcher.
 */
final class ShardFiles {
  private final String root;
  private final String output;
  private final boolean outputExisted;

  private ShardFiles(String root, String output) {
    this.root = root;
    this.output = output;
    this.outputExisted = output.contains("://") || Files.exists(Path.of(output));
  }

  /** A fresh work area under {@code output}; nothing is created until a job writes into it. */
  static ShardFiles under(String output) {
    String base = output.replaceAll("/+$", "");
    return new ShardFiles(base + "/.work-" + UUID.randomUUID().toString().substring(0, 8), base);
  }

  /** The shard directory of round {@code n}. */
  String round(int n) {
    return String.format("%s/round-%04d", root, n);
  }

  /** The shard directory of a single-job command. */
  String job() {
    return root + "/job";
  }

  /** The file pattern of a kind's shards in {@code dir}. */
  static String pattern(String dir, String kind) {
    return dir + "/" + kind + "-*" + WriteShards.SUFFIX;
  }

  /** Calls {@code each} with every line of the {@code kind} shards in {@code dir}, file by file. */
  static void forEachLine(String dir, String kind, Consumer<String> each) throws IOException {
    for (ResourceId file : files(pattern(dir, kind))) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(FileSystems.open(file)), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!line.isEmpty()) {
            each.accept(line);
          }
        }
      }
    }
  }

  /** Calls {@code each} with the JSON of every record of the {@code kind} shards in {@code dir}. */
  static void forEachJson(String dir, String kind, Consumer<com.google.gson.JsonObject> each)
      throws IOException {
    forEachLine(
        dir,
        kind,
        line ->
            each.accept(
                com.google.gson.JsonParser.parseString(
                        OutputRecord.fromShardLine(kind, line).json())
                    .getAsJsonObject()));
  }

  /** Lines of the {@code kind} shards in {@code dir}. */
  static long count(String dir, String kind) throws IOException {
    long[] n = {0};
    forEachLine(dir, kind, line -> n[0]++);
    return n[0];
  }

  private static List<ResourceId> files(String pattern) throws IOException {
    MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    List<ResourceId> files = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        files.add(m.resourceId());
      }
    }
    files.sort(Comparator.comparing(ResourceId::toString));
    return files;
  }

  /**
   * Deletes the work area, and the output directory if the work area alone created it (a failed
   * run); best effort: the work area is hidden and never part of the dataset.
   */
  void delete() {
    try {
      if (!root.contains("://")) {
        Path dir = Path.of(root);
        if (Files.exists(dir)) {
          try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        }
        if (!outputExisted) {
          try (var left = Files.list(Path.of(output))) {
            if (left.findAny().isEmpty()) {
              Files.delete(Path.of(output));
            }
          }
        }
        return;
      }
      List<ResourceId> all = files(root + "/**");
      FileSystems.delete(all, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      // A leftover hidden work area is harmless; the next run uses a fresh one.
    }
  }
}
