package org.medinstruct.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Compact, deterministic coder of {@link MedTask}; every string field and the seed ids may be null.
 */
public final class MedTaskCoder extends AtomicCoder<MedTask> {
  private static final MedTaskCoder INSTANCE = new MedTaskCoder();

  private MedTaskCoder() {}

  public static MedTaskCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link MedTask} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(MedTask.class), INSTANCE);
  }

  @Override
  public void encode(MedTask t, OutputStream out) throws IOException {
    if (t == null) {
      throw new CoderException("cannot encode a null MedTask");
    }
    CoderFields.str(t.id(), out);
    CoderFields.str(t.type(), out);
    CoderFields.str(t.topic(), out);
    CoderFields.str(t.view(), out);
    CoderFields.str(t.difficulty(), out);
    CoderFields.str(t.instruction(), out);
    CoderFields.str(t.input(), out);
    CoderFields.i32(t.round(), out);
    CoderFields.i64(t.requestIndex(), out);
    CoderFields.i64(t.position(), out);
    CoderFields.strings(t.seedIds(), out);
  }

  @Override
  public MedTask decode(InputStream in) throws IOException {
    return new MedTask(
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.str(in),
        CoderFields.i32(in),
        CoderFields.i64(in),
        (int) CoderFields.i64(in),
        CoderFields.strings(in));
  }

  @Override
  public void verifyDeterministic() {}
}
