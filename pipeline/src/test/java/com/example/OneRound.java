package com.example;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Records;
import org.medinstruct.pipeline.Endpoint;
import org.medinstruct.pipeline.MedInstruct;
import org.medinstruct.pipeline.RoundConfig;
import org.medinstruct.pipeline.RoundInput;
import org.medinstruct.pipeline.RoundResult;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.sim.SimConfig;
import org.medinstruct.sim.SimulatedLlmServer;
import org.medinstruct.tasks.SeedLoader;

/**
 * The README's library example: one MedInstruct round inside an application's own Beam pipeline,
 * using only the public API. The README block is the region between the markers, verbatim ({@code
 * LibraryExampleTest} checks it, then runs this on the Direct Runner).
 */
public final class OneRound {
  private OneRound() {}

  public static void main(String[] args) throws Exception {
    // [START round-example]
    // The built-in simulated LLM endpoint: a test double for a paid API (synthetic data, no cost).
    try (SimulatedLlmServer simulator = SimulatedLlmServer.start(SimConfig.defaults())) {
      GenerateOptions options = PipelineOptionsFactory.fromArgs(args).as(GenerateOptions.class);
      options.setLlmBaseUrl(simulator.baseUrl());
      try (Endpoint llm = Endpoint.open(options, System.out, null)) {
        Pipeline p = Pipeline.create(options);
        var coder = SerializableCoder.of(MedTask.class);
        PCollection<MedTask> seeds =
            p.apply("Seeds", Create.of(SeedLoader.loadDefault()).withCoder(coder));
        PCollection<MedTask> pool = p.apply("NoEarlierRounds", Create.empty(coder));
        RoundResult round =
            RoundInput.of(seeds, pool)
                .apply(
                    "MedInstructRound", MedInstruct.round(RoundConfig.of(options, llm.settings())));
        round
            .records()
            .apply(
                "PairsAsJson",
                MapElements.into(TypeDescriptors.strings()).via(e -> e.toDatasetJson().toString()))
            .apply(
                "WritePairs",
                TextIO.write().to(options.getOutput() + "/pairs.jsonl").withoutSharding());
        round
            .rejected()
            .apply(
                "RejectedAsJson",
                MapElements.into(TypeDescriptors.strings())
                    .via(r -> Records.toJson(Records.rejection(r))))
            .apply(
                "WriteRejected",
                TextIO.write().to(options.getOutput() + "/rejected.jsonl").withoutSharding());
        round
            .failed()
            .apply(
                "FailedAsJson",
                MapElements.into(TypeDescriptors.strings())
                    .via(f -> Records.toJson(Records.failure(f))))
            .apply(
                "WriteFailed",
                TextIO.write().to(options.getOutput() + "/failed.jsonl").withoutSharding());
        p.run().waitUntilFinish();
      }
    }
    // [END round-example]
  }
}
