package org.medinstruct.export;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes instruction/input/output rows as Hugging Face-style Parquet shards, {@code
 * DIR/data/train-00000-of-0000N.parquet}, through Beam's {@link ParquetIO#sink} on Beam file
 * systems (local paths or object stores).
 *
 * <p>Input: the rows in dataset order. Output: the shard paths, rows in the same order. Each shard
 * is written under a hidden temporary name and renamed into place, so a failure leaves no
 * half-written shard; rewriting the same rows gives the same files.
 */
public final class ParquetShards {
  /** The MedInstruct-52k layout: three non-null strings. */
  public static final Schema SCHEMA =
      SchemaBuilder.record("MedInstructExample")
          .namespace("org.medinstruct")
          .fields()
          .requiredString("instruction")
          .requiredString("input")
          .requiredString("output")
          .endRecord();

  /** One row of the dataset. */
  public record Row(String instruction, String input, String output) {}

  private ParquetShards() {}

  /** Writes {@code rows} into {@code dir/data/} in shards of at most {@code rowsPerShard}. */
  public static List<String> write(List<Row> rows, String dir, int rowsPerShard)
      throws IOException {
    if (rowsPerShard <= 0) {
      throw new IllegalArgumentException("rowsPerShard must be positive, got " + rowsPerShard);
    }
    int shards = Math.max(1, (rows.size() + rowsPerShard - 1) / rowsPerShard);
    String base = dir.endsWith("/") ? dir : dir + "/";
    List<String> written = new ArrayList<>();
    for (int shard = 0; shard < shards; shard++) {
      String name = String.format("train-%05d-of-%05d.parquet", shard, shards);
      ResourceId tmp = FileSystems.matchNewResource(base + "data/.tmp-" + name, false);
      ResourceId file = FileSystems.matchNewResource(base + "data/" + name, false);
      List<Row> part =
          rows.subList(shard * rowsPerShard, Math.min(rows.size(), (shard + 1) * rowsPerShard));
      try (WritableByteChannel channel = FileSystems.create(tmp, MimeTypes.BINARY)) {
        ParquetIO.Sink sink = ParquetIO.sink(SCHEMA);
        sink.open(channel);
        for (Row r : part) {
          GenericRecord record = new GenericData.Record(SCHEMA);
          record.put("instruction", r.instruction());
          record.put("input", r.input());
          record.put("output", r.output());
          sink.write(record);
        }
        sink.flush();
      }
      FileSystems.rename(
          List.of(tmp), List.of(file), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      written.add(file.toString());
    }
    return written;
  }
}
