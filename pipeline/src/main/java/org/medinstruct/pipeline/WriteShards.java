package org.medinstruct.pipeline;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes a job's output records as parallel text shards, one family per kind: {@code
 * <dir>/<kind>-<shard>-of-<n>.tsv}, each line {@link OutputRecord#shardLine()}.
 *
 * <p>No key gathers the records: every worker writes the bundles it holds (runner-determined
 * sharding), and Beam's file finalization renames the temporary files into place only when the job
 * succeeds, so a retried bundle leaves no duplicate. {@link WriteDataset#join} turns the shards of
 * all jobs into the single sorted files.
 */
public final class WriteShards extends PTransform<PCollection<OutputRecord>, PDone> {
  /** The destination used when a job has no records at all (its file is ignored). */
  static final String EMPTY = "empty";

  static final String SUFFIX = ".tsv";

  private final String dir;

  public WriteShards(String dir) {
    this.dir = dir;
  }

  @Override
  public PDone expand(PCollection<OutputRecord> records) {
    records.apply(
        "WriteShardFiles",
        FileIO.<String, OutputRecord>writeDynamic()
            .by(OutputRecord::kind)
            .withDestinationCoder(StringUtf8Coder.of())
            .via(Contextful.fn(OutputRecord::shardLine), TextIO.sink())
            .to(dir)
            .withNaming(kind -> FileIO.Write.defaultNaming(kind, SUFFIX))
            .withEmptyGlobalWindowDestination(EMPTY));
    return PDone.in(records.getPipeline());
  }
}
