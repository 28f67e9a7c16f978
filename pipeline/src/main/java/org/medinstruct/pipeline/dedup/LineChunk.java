package org.medinstruct.pipeline.dedup;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A run of input lines: 1-based line numbers, exact texts and instructions. Lines travel in chunks
 * so the pipeline moves a few large elements rather than one per record.
 */
@DefaultCoder(LineChunkCoder.class)
record LineChunk(long[] numbers, String[] raw, String[] instructions) implements Serializable {
  static final int SIZE = 8192;

  static LineChunk of(List<InputRecords.Line> lines) {
    long[] n = new long[lines.size()];
    String[] r = new String[lines.size()];
    String[] ins = new String[lines.size()];
    for (int i = 0; i < n.length; i++) {
      n[i] = lines.get(i).number();
      r[i] = lines.get(i).raw();
      ins[i] = lines.get(i).instruction();
    }
    return new LineChunk(n, r, ins);
  }
}
