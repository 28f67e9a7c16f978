package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.MedTask;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.pipeline.options.RespondOptions;
import org.medinstruct.tasks.InstructionPrompt;
import org.medinstruct.tasks.ResponsePrompt;
import org.medinstruct.tasks.SeedLoader;

/**
 * The pipelines our commands build (not run) move no element with Java serialization, and every
 * GroupByKey key coder is deterministic. The dedup command's pipelines: DedupCodersTest.
 */
class CompactCodersTest {
  @TempDir Path tmp;

  private static final LlmSettings LLM = LlmSettings.defaults("http://127.0.0.1:9/v1", 600);

  @Test
  void generateRoundJob_withTwoEarlierRoundsAndDecontamination_usesOnlyCompactCoders() {
    GenerateOptions o =
        PipelineOptionsFactory.fromArgs("--output=" + tmp.resolve("out")).as(GenerateOptions.class);
    List<MedTask> seeds = SeedLoader.loadDefault();
    Pipeline p = Pipeline.create(o);
    new GeneratePipeline(
            RoundConfig.of(
                o, LLM, InstructionPrompt.defaultPrompt().template(), seeds.subList(0, 3)))
        .buildRound(
            p,
            new GeneratePipeline.RoundPlan(
                3,
                40,
                12,
                List.of(tmp.resolve("round1").toString(), tmp.resolve("round2").toString()),
                tmp.resolve("round3").toString()),
            seeds);
    assertThat(CoderAudit.violations(p), is(empty()));
  }

  @Test
  void alpacareMethodJob_usesOnlyCompactCoders() {
    GenerateOptions o =
        PipelineOptionsFactory.fromArgs("--output=" + tmp.resolve("out"), "--maxRounds=2")
            .as(GenerateOptions.class);
    Pipeline p = Pipeline.create(o);
    new AlpacareMethod(o, LLM, InstructionPrompt.defaultPrompt(), ResponsePrompt.defaultPrompt())
        .build(p, SeedLoader.loadDefault(), tmp.resolve("shards").toString());
    assertThat(CoderAudit.violations(p), is(empty()));
  }

  @Test
  void respondJob_usesOnlyCompactCoders() {
    RespondOptions o =
        PipelineOptionsFactory.fromArgs("--input=unused.jsonl", "--output=" + tmp.resolve("out"))
            .as(RespondOptions.class);
    Pipeline p = Pipeline.create(o);
    RespondCommand.build(
        p, o, LLM, SeedLoader.loadDefault().subList(0, 5), tmp.resolve("shards").toString());
    assertThat(CoderAudit.violations(p), is(empty()));
  }

  /** The audit itself: it must see Java serialization, also inside a KV or a list. */
  @Test
  void auditReportsSerializableCoderEvenInsideKvAndList() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply("Plain", Create.of(new Legacy("a")).withCoder(SerializableCoder.of(Legacy.class)));
    p.apply(
        "Nested",
        Create.of(org.apache.beam.sdk.values.KV.of("k", List.of(new Legacy("b"))))
            .withCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), ListCoder.of(SerializableCoder.of(Legacy.class)))));
    p.apply("Fine", Create.of("x").withCoder(StringUtf8Coder.of()))
        .apply("Inferred", MapElements.into(TypeDescriptor.of(Legacy.class)).via(Legacy::new));
    List<String> found = CoderAudit.violations(p);
    assertThat(found.toString(), found.size(), is(3));
    assertThat(found, hasItem(containsString("Nested")));
    assertThat(found, hasItem(containsString("Inferred")));
  }

  @Test
  void auditRejectsNondeterministicKeyCoders() {
    assertThat(CoderAudit.keyProblem(SerializableCoder.of(Legacy.class)), notNullValue());
    assertThat(CoderAudit.keyProblem(DoubleCoder.of()), containsString("not deterministic"));
    assertThat(CoderAudit.keyProblem(StringUtf8Coder.of()), is((String) null));
  }

  /** A Serializable type without a registered coder: Beam would fall back to Java serialization. */
  record Legacy(String s) implements Serializable {}
}
