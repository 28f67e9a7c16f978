package org.medinstruct.pipeline;

import com.google.gson.JsonObject;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.model.Failure;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.stages.Example;
import org.medinstruct.stages.Usage;

/** Turns each stage's typed outputs into lines for {@link WriteDataset}. */
final class OutputRecords {
  private OutputRecords() {}

  static PCollection<OutputRecord> accepted(String name, PCollection<Example> examples) {
    return map(
        name,
        examples,
        (Example e) ->
            new OutputRecord(
                OutputRecord.ACCEPTED,
                e.task().sortKey() + "|" + e.task().id(),
                Records.toJson(e.toJson())));
  }

  static PCollection<OutputRecord> rejections(String name, PCollection<Rejection> rejections) {
    return map(
        name,
        rejections,
        (Rejection r) -> {
          String json = Records.toJson(Records.rejection(r));
          return new OutputRecord(OutputRecord.REJECTED, r.stage() + "|" + r.element(), json);
        });
  }

  static PCollection<OutputRecord> failures(String name, PCollection<Failure> failures) {
    return map(
        name,
        failures,
        (Failure f) ->
            new OutputRecord(
                OutputRecord.FAILED,
                f.stage() + "|" + f.element(),
                Records.toJson(Records.failure(f))));
  }

  static PCollection<OutputRecord> usage(String name, PCollection<Usage> usage) {
    return map(
        name, usage, (Usage u) -> new OutputRecord(OutputRecord.USAGE, "", Records.GSON.toJson(u)));
  }

  /** A task of the dedup pool; its line reads back with {@link #poolTask}. */
  static PCollection<OutputRecord> pool(String name, PCollection<MedTask> tasks) {
    return map(
        name,
        tasks,
        (MedTask t) -> new OutputRecord(OutputRecord.POOL, "", Records.GSON.toJson(t)));
  }

  static MedTask poolTask(String json) {
    return Records.GSON.fromJson(json, MedTask.class);
  }

  static String roundJson(RoundState s) {
    JsonObject o = new JsonObject();
    o.addProperty("round", s.round());
    o.addProperty("requests_so_far", s.requestsSoFar());
    o.addProperty("accepted_so_far", s.acceptedSoFar());
    o.addProperty("stop_reason", s.stopReason());
    return Records.toJson(o);
  }

  /** As {@link #roundJson}, for a round taken from the {@link RoundCache}. */
  static String reusedRoundJson(RoundState s) {
    JsonObject o = com.google.gson.JsonParser.parseString(roundJson(s)).getAsJsonObject();
    o.addProperty("reused", true);
    return Records.toJson(o);
  }

  private static <T> PCollection<OutputRecord> map(
      String name,
      PCollection<T> in,
      org.apache.beam.sdk.transforms.SerializableFunction<T, OutputRecord> fn) {
    return in.apply(name, MapElements.into(TypeDescriptor.of(OutputRecord.class)).via(fn))
        .setCoder(OutputRecordCoder.of());
  }
}
