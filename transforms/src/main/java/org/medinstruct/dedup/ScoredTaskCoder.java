package org.medinstruct.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.medinstruct.model.MedTask;

/**
 * Compact, deterministic coder of {@link ScoredTask} (and, through {@link #task}, of {@link
 * MedTask}): fields as varints, doubles and UTF-8 strings, no Java serialization.
 */
public final class ScoredTaskCoder extends AtomicCoder<ScoredTask> {
  private static final ScoredTaskCoder INSTANCE = new ScoredTaskCoder();

  public static ScoredTaskCoder of() {
    return INSTANCE;
  }

  /** How {@code @DefaultCoder} on {@link ScoredTask} finds this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ScoredTask.class), INSTANCE);
  }

  /** A task as bytes (null allowed). */
  static byte[] task(MedTask t) {
    Blob.Writer w = new Blob.Writer(256);
    writeTask(w, t);
    return w.toBytes();
  }

  static MedTask task(byte[] b) {
    return readTask(new Blob.Reader(b));
  }

  static void writeTask(Blob.Writer w, MedTask t) {
    w.bool(t != null);
    if (t == null) {
      return;
    }
    w.str(t.id())
        .str(t.type())
        .str(t.topic())
        .str(t.view())
        .str(t.difficulty())
        .str(t.instruction())
        .str(t.input())
        .varint(t.round() + 1L)
        .varint(t.requestIndex() + 1L)
        .varint(t.position() + 1L);
    List<String> seeds = t.seedIds();
    w.bool(seeds != null);
    if (seeds != null) {
      w.varint(seeds.size());
      for (String s : seeds) {
        w.str(s);
      }
    }
  }

  static MedTask readTask(Blob.Reader r) {
    if (!r.bool()) {
      return null;
    }
    String id = r.str(),
        type = r.str(),
        topic = r.str(),
        view = r.str(),
        difficulty = r.str(),
        instruction = r.str(),
        input = r.str();
    int round = (int) (r.varlong() - 1);
    long requestIndex = r.varlong() - 1;
    int position = (int) (r.varlong() - 1);
    List<String> seeds = null;
    if (r.bool()) {
      int n = r.varint();
      seeds = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        seeds.add(r.str());
      }
      seeds = java.util.Collections.unmodifiableList(seeds);
    }
    return new MedTask(
        id,
        type,
        topic,
        view,
        difficulty,
        instruction,
        input,
        round,
        requestIndex,
        position,
        seeds);
  }

  @Override
  public void encode(ScoredTask s, OutputStream out) throws IOException {
    Blob.Writer w = new Blob.Writer(512);
    writeTask(w, s.task());
    w.str(s.nearest())
        .f64(s.rougeL())
        .str(s.nearestSeed())
        .f64(s.nearestSeedRougeL())
        .str(s.reason());
    ByteArrayCoder.of().encode(w.toBytes(), out);
  }

  @Override
  public ScoredTask decode(InputStream in) throws IOException {
    Blob.Reader r = new Blob.Reader(ByteArrayCoder.of().decode(in));
    return new ScoredTask(readTask(r), r.str(), r.f64(), r.str(), r.f64(), r.str());
  }

  @Override
  public void verifyDeterministic() {}
}
