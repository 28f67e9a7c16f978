package org.medinstruct.pipeline.dedup;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;

/** Reads a validated JSONL file (by path) as {@link LineChunk}s of up to {@link LineChunk#SIZE}. */
final class ReadLineChunks extends DoFn<String, LineChunk> {
  @ProcessElement
  public void process(@Element String path, OutputReceiver<LineChunk> out) {
    List<InputRecords.Line> lines = InputRecords.readJsonl(Path.of(path));
    if (lines.isEmpty()) {
      out.output(LineChunk.of(lines)); // so that an empty input still writes empty files
    }
    for (int from = 0; from < lines.size(); from += LineChunk.SIZE) {
      out.output(LineChunk.of(lines.subList(from, Math.min(lines.size(), from + LineChunk.SIZE))));
    }
  }
}
