package org.medinstruct.pipeline.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupCountsTest {
  @TempDir Path out;

  @Test
  void countsWhatTheFilesHold_droppedRecordsByTheirReason() throws Exception {
    Files.write(out.resolve("kept.jsonl"), List.of("{\"id\":\"a\"}", "{\"id\":\"b\"}", "{}"));
    Files.write(
        out.resolve("dropped.jsonl"),
        List.of(
            "{\"id\":\"c\",\"reason\":\"duplicate\",\"nearest\":\"a\",\"rougeL\":0.8}",
            "{\"id\":\"d\",\"reason\":\"decontaminated\",\"nearest\":\"x\",\"rougeL\":0.9}",
            "{\"id\":\"e\",\"reason\":\"duplicate\",\"nearest\":\"b\",\"rougeL\":0.75}"));

    DedupCounts counts = DedupCounts.fromFiles(out);

    assertEquals(new DedupCounts(3, 2, 1), counts);
    assertTrue(counts.cover(6));
    assertFalse(new DedupCounts(0, 0, 0).cover(6), "missing counters do not account for the input");
  }
}
