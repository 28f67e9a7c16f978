package org.medinstruct.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.MimeTypes;
import org.medinstruct.model.UserInputException;

/**
 * {@code medinstruct export --input=RUN_DIR --to=DIR}: a directory that Hugging Face's {@code
 * datasets.load_dataset(DIR)} loads as it is and {@code huggingface-cli upload} takes unchanged:
 * {@code DIR/data/train-*.parquet} (the rows of {@code medinstruct.json}, in order) and {@code
 * DIR/README.md}, the dataset card ({@link DatasetCard}).
 *
 * <p>{@link #writeParquet} is the {@code --format=json,parquet} post-step of {@code generate} and
 * {@code respond}: the shards only, into the run's own directory. A malformed or missing {@code
 * medinstruct.json} is a {@link UserInputException} naming the file and the record, raised before
 * anything is written.
 */
public final class ExportCommand {
  private ExportCommand() {}

  public static void run(String[] args, PrintStream out) throws IOException {
    // No withValidation(): export runs no pipeline, so Beam's runner check does not apply.
    ExportOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args).as(ExportOptions.class);
    } catch (IllegalArgumentException e) {
      // Beam's parser: an unknown or malformed option is bad input (exit 2), not a bug.
      throw new UserInputException("export: " + e.getMessage(), e);
    }
    if (options.getInput() == null || options.getTo() == null) {
      throw new UserInputException("export: --input=RUN_DIR and --to=DIR are required");
    }
    if (options.getRowsPerShard() <= 0) {
      throw new UserInputException(
          "export: --rowsPerShard must be positive, got " + options.getRowsPerShard());
    }
    FileSystems.setDefaultPipelineOptions(options);
    String run = options.getInput().endsWith("/") ? options.getInput() : options.getInput() + "/";
    List<ParquetShards.Row> rows = readRows(run + "medinstruct.json");
    JsonObject summary = readSummary(run + "summary.json");
    List<String> shards = ParquetShards.write(rows, options.getTo(), options.getRowsPerShard());
    writeAtomically(options.getTo(), "README.md", DatasetCard.render(rows.size(), summary));
    out.printf(
        "export: %d rows in %d Parquet shard(s) and README.md (dataset card) in %s%n",
        rows.size(), shards.size(), options.getTo());
  }

  /** The {@code --format=parquet} post-step: {@code runDir/data/train-*.parquet}. */
  public static void writeParquet(String runDir, PrintStream out) throws IOException {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    List<ParquetShards.Row> rows =
        readRows((runDir.endsWith("/") ? runDir : runDir + "/") + "medinstruct.json");
    List<String> shards = ParquetShards.write(rows, runDir, 100_000);
    out.printf("wrote %d rows as Parquet: %s%n", rows.size(), String.join(", ", shards));
  }

  /**
   * The records of a {@code medinstruct.json} array, each with string instruction, input, output.
   */
  static List<ParquetShards.Row> readRows(String file) {
    JsonElement root;
    try {
      root = JsonParser.parseString(read(file));
    } catch (IOException e) {
      throw new UserInputException("export: cannot read " + file + ": " + e.getMessage(), e);
    } catch (JsonParseException e) {
      throw new UserInputException("export: " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonArray()) {
      throw new UserInputException("export: " + file + " must hold a JSON array of records");
    }
    List<ParquetShards.Row> rows = new ArrayList<>();
    int index = 0;
    for (JsonElement e : root.getAsJsonArray()) {
      if (!e.isJsonObject()) {
        throw new UserInputException("export: " + file + ": record " + index + " is not an object");
      }
      JsonObject o = e.getAsJsonObject();
      rows.add(
          new ParquetShards.Row(
              field(file, index, o, "instruction"),
              field(file, index, o, "input"),
              field(file, index, o, "output")));
      index++;
    }
    return rows;
  }

  private static String field(String file, int index, JsonObject o, String name) {
    JsonElement v = o.get(name);
    if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
      throw new UserInputException(
          "export: " + file + ": record " + index + " has no string field \"" + name + "\"");
    }
    return v.getAsString();
  }

  static JsonObject readSummary(String file) {
    try {
      if (FileSystems.match(file).status() != MatchResult.Status.OK) {
        return new JsonObject();
      }
      JsonElement e = JsonParser.parseString(read(file));
      return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    } catch (IOException | JsonParseException e) {
      throw new UserInputException("export: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A whole file from any Beam file system (local path or object store). */
  private static String read(String file) throws IOException {
    try (Reader r =
        Channels.newReader(
            FileSystems.open(FileSystems.matchSingleFileSpec(file).resourceId()),
            StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[1 << 16];
      for (int n; (n = r.read(buf)) > 0; ) {
        sb.append(buf, 0, n);
      }
      return sb.toString();
    }
  }

  private static void writeAtomically(String dir, String name, String text) throws IOException {
    String base = dir.endsWith("/") ? dir : dir + "/";
    ResourceId tmp = FileSystems.matchNewResource(base + ".tmp-" + name, false);
    try (WritableByteChannel channel = FileSystems.create(tmp, MimeTypes.TEXT)) {
      channel.write(StandardCharsets.UTF_8.encode(text));
    }
    FileSystems.rename(
        List.of(tmp),
        List.of(FileSystems.matchNewResource(base + name, false)),
        MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
