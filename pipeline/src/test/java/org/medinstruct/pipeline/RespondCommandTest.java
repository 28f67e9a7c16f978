package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.MedTask;
import org.medinstruct.tasks.SeedLoader;

/** respond answers every task of a JSONL file and accounts for each one. */
class RespondCommandTest {
  @TempDir Path tmp;

  @Test
  void givenTaskFile_everyTaskIsAcceptedRejectedOrFailed() throws Exception {
    List<MedTask> seeds = SeedLoader.loadDefault();
    StringBuilder sb = new StringBuilder();
    for (MedTask t : seeds.subList(0, 25)) {
      JsonObject o = new JsonObject();
      o.addProperty("instruction", t.instruction());
      o.addProperty("input", t.input());
      o.addProperty("type", t.type());
      sb.append(o).append('\n');
    }
    Path input = tmp.resolve("tasks.jsonl");
    Files.writeString(input, sb.toString());
    Path out = tmp.resolve("out");
    Runs.respond("--input=" + input, "--output=" + out, "--cacheDir=" + tmp.resolve("cache"));
    JsonObject s = Runs.summary(out);
    assertThat(Runs.count(s, "generated"), is(25L));
    Runs.assertReconciles(out);
    List<JsonObject> accepted = Runs.jsonl(out.resolve("medinstruct.jsonl"));
    for (JsonObject a : accepted) {
      assertThat(a.get("output").getAsString().isBlank(), is(false));
    }
    assertThat(
        "input order kept",
        accepted.get(0).get("instruction").getAsString(),
        is(firstAcceptedInInputOrder(seeds.subList(0, 25), accepted)));
  }

  private static String firstAcceptedInInputOrder(List<MedTask> tasks, List<JsonObject> accepted) {
    java.util.Set<String> kept = new java.util.HashSet<>();
    accepted.forEach(a -> kept.add(a.get("instruction").getAsString()));
    return tasks.stream()
        .map(MedTask::instruction)
        .filter(kept::contains)
        .findFirst()
        .orElseThrow();
  }
}
