package org.medinstruct.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
  @TempDir Path dir;

  @Test
  void givenBulkCounts_snapshotAddsThemAsSingleCountsWould() {
    Progress p = Progress.forDir(dir.toString());
    p.submitted("dedup-join", "postings", 5);
    p.submitted("dedup-join", "postings");
    p.submitted("dedup-join", "postings", 0);
    p.completed("dedup-join", "postings", 4);
    p.completed("dedup-join", "postings", false, 0, 0);

    JsonObject stage =
        p.snapshot(System.currentTimeMillis())
            .getAsJsonObject("stages")
            .getAsJsonObject("dedup-join|postings");

    assertEquals(6, stage.get("submitted").getAsLong());
    assertEquals(5, stage.get("completed").getAsLong());
    assertEquals(0, stage.get("cached").getAsLong());
  }
}
