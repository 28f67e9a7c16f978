package org.medinstruct.pipeline;

import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureCoder;
import org.medinstruct.model.Rejection;
import org.medinstruct.model.RejectionCoder;

/**
 * The one dead-letter path of every command that writes a dataset ({@code generate}, both methods,
 * and {@code respond}): every stage's rejections and failures become the lines of {@code
 * rejected.jsonl} (stage, reason, detail, record) and {@code failed.jsonl} (stage, error, status,
 * retryable, attempts, kind, record), ordered by stage and record. Output: those lines for the
 * job's shard writer ({@link WriteShards}); {@link WriteDataset} joins the shards of every job into
 * the two files. Nothing is dropped: each input element gives exactly one line.
 */
final class GatherDeadLetters extends PTransform<DeadLetters, PCollection<OutputRecord>> {
  @Override
  public PCollection<OutputRecord> expand(DeadLetters letters) {
    // Every stage's rejections, then every stage's failures, each as one collection.
    PCollection<Rejection> rejected =
        PCollectionList.of(letters.rejected())
            .apply("AllRejections", Flatten.pCollections())
            .setCoder(RejectionCoder.of());
    PCollection<Failure> failed =
        PCollectionList.of(letters.failed())
            .apply("AllFailures", Flatten.pCollections())
            .setCoder(FailureCoder.of());
    return PCollectionList.of(OutputRecords.rejections("RejectedLines", rejected))
        .and(OutputRecords.failures("FailedLines", failed))
        .apply("DeadLetterLines", Flatten.pCollections());
  }
}
