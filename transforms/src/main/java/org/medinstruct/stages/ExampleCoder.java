package org.medinstruct.stages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.model.CoderFields;
import org.medinstruct.model.MedTaskCoder;

/**
 * Compact, deterministic coder of {@link Example}: its task through {@link MedTaskCoder} (a null
 * task is allowed), then the dedup neighbours, models, answer and usage.
 */
public final class ExampleCoder extends AtomicCoder<Example> {
  private static final ExampleCoder INSTANCE = new ExampleCoder();
  private static final MedTaskCoder TASK = MedTaskCoder.of();

  private ExampleCoder() {}

  public static ExampleCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link Example} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Example.class), INSTANCE);
  }

  @Override
  public void encode(Example e, OutputStream out) throws IOException {
    if (e == null) {
      throw new CoderException("cannot encode a null Example");
    }
    CoderFields.bool(e.task() != null, out);
    if (e.task() != null) {
      TASK.encode(e.task(), out);
    }
    CoderFields.str(e.nearest(), out);
    CoderFields.f64(e.rougeL(), out);
    CoderFields.str(e.nearestSeed(), out);
    CoderFields.f64(e.nearestSeedRougeL(), out);
    CoderFields.str(e.instructionModel(), out);
    CoderFields.str(e.responseModel(), out);
    CoderFields.str(e.output(), out);
    CoderFields.str(e.finishReason(), out);
    CoderFields.i64(e.promptTokens(), out);
    CoderFields.i64(e.completionTokens(), out);
  }

  @Override
  public Example decode(InputStream in) throws IOException {
    return new Example(
        CoderFields.bool(in) ? TASK.decode(in) : null,
        CoderFields.str(in),
        CoderFields.f64(in),
        CoderFields.str(in),
        CoderFields.f64(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.i64(in),
        CoderFields.i64(in));
  }

  @Override
  public void verifyDeterministic() {}
}
