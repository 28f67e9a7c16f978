package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs commands in-process and reads what they wrote. */
final class Runs {
  private Runs() {}

  static String generate(String... args) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    GenerateCommand.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /**
   * A generate run that must end with {@code status} (a RunStatusException); returns what it
   * printed.
   */
  static String generateEndingWith(org.medinstruct.model.ExitStatus status, String... args)
      throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    org.medinstruct.model.RunStatusException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.medinstruct.model.RunStatusException.class,
            () -> GenerateCommand.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8)));
    assertThat(e.getMessage(), e.status(), is(status));
    return buffer.toString(StandardCharsets.UTF_8);
  }

  static String respond(String... args) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    RespondCommand.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** summary.json, checked against its JSON Schema first. */
  static JsonObject summary(Path dir) throws IOException {
    SummarySchema.assertValid(dir.resolve("summary.json"));
    return JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
  }

  static JsonArray dataset(Path dir) throws IOException {
    return JsonParser.parseString(Files.readString(dir.resolve("medinstruct.json")))
        .getAsJsonArray();
  }

  static List<JsonObject> jsonl(Path file) throws IOException {
    List<JsonObject> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(JsonParser.parseString(line).getAsJsonObject());
      }
    }
    return out;
  }

  static long count(JsonObject summary, String key) {
    return summary.getAsJsonObject("counts").get(key).getAsLong();
  }

  /** generated = accepted + rejected + failed, and the files agree with the summary. */
  static void assertReconciles(Path dir) throws IOException {
    JsonObject s = summary(dir);
    assertThat(s.getAsJsonObject("counts").get("reconciles").getAsBoolean(), is(true));
    long accepted = jsonl(dir.resolve("medinstruct.jsonl")).size();
    long rejected = jsonl(dir.resolve("rejected.jsonl")).size();
    long failedRecords = jsonl(dir.resolve("failed.jsonl")).size();
    assertThat(accepted, is(count(s, "accepted")));
    assertThat(rejected, is(count(s, "rejected")));
    assertThat(failedRecords, is(count(s, "failed")));
    assertThat(failedRecords, is(s.get("failed").getAsLong()));
    assertThat(count(s, "generated"), is(accepted + rejected + count(s, "failed_responses")));
    assertThat((long) dataset(dir).size(), is(accepted));
  }

  static Path shared() {
    String p = System.getProperty("medinstruct.shared");
    return p == null ? Path.of("../../shared") : Path.of(p);
  }
}
