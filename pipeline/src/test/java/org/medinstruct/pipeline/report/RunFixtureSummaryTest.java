package org.medinstruct.pipeline.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.pipeline.SummarySchema;

/**
 * The report fixture's summary.json comes from the production Summary: it meets the schema and
 * reconciles.
 */
class RunFixtureSummaryTest {
  @Test
  void fixtureSummary_meetsTheSchemaAndReconcilesWithItsFiles(@TempDir Path dir) throws Exception {
    RunFixture.write(dir, 40, 3);
    SummarySchema.assertValid(dir.resolve("summary.json"));
    JsonObject s =
        JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
    JsonObject counts = s.getAsJsonObject("counts");
    assertThat(counts.get("reconciles").getAsBoolean(), is(true));
    assertThat(
        counts.get("rejected").getAsLong(),
        is((long) Files.readAllLines(dir.resolve("rejected.jsonl")).size()));
    assertThat(
        counts.get("failed").getAsLong(),
        is((long) Files.readAllLines(dir.resolve("failed.jsonl")).size()));
    assertThat(s.get("accepted").getAsLong(), is(40L));
    assertThat(s.get("status").getAsString(), is("ok"));
  }
}
