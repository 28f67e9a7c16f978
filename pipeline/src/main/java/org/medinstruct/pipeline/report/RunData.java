package org.medinstruct.pipeline.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medinstruct.model.UserInputException;

/**
 * The files of one run's output directory, as read for the report.
 *
 * <p>Input: DIR with {@code medinstruct.jsonl} (accepted records), {@code rejected.jsonl}, {@code
 * failed.jsonl} and {@code summary.json}; any of them may be absent (an older or interrupted run),
 * but DIR must exist and hold at least one of them. Output: the parsed JSON objects. Errors: a
 * missing or empty DIR, or a line that is not a JSON object, is a {@link UserInputException} naming
 * the file and the line.
 */
public record RunData(
    Path dir,
    JsonObject summary,
    List<JsonObject> accepted,
    List<JsonObject> rejected,
    List<JsonObject> failed,
    List<String> missingFiles) {

  static final String ACCEPTED = "medinstruct.jsonl";
  static final String REJECTED = "rejected.jsonl";
  static final String FAILED = "failed.jsonl";
  static final String SUMMARY = "summary.json";

  public static RunData read(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UserInputException("report: --input directory " + dir + " does not exist");
    }
    List<String> missing = new ArrayList<>();
    for (String f : List.of(SUMMARY, ACCEPTED, REJECTED, FAILED)) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        missing.add(f);
      }
    }
    if (missing.size() == 4) {
      throw new UserInputException(
          "report: --input directory "
              + dir
              + " holds no run output (expected "
              + SUMMARY
              + ", "
              + ACCEPTED
              + ", "
              + REJECTED
              + " or "
              + FAILED
              + ")");
    }
    return new RunData(
        dir,
        readSummary(dir.resolve(SUMMARY)),
        readLines(dir.resolve(ACCEPTED)),
        readLines(dir.resolve(REJECTED)),
        readLines(dir.resolve(FAILED)),
        List.copyOf(missing));
  }

  private static JsonObject readSummary(Path file) {
    if (!Files.isRegularFile(file)) {
      return new JsonObject();
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw new UserInputException(file + ": expected a JSON object");
      }
      return e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new UserInputException(file + ": not valid JSON: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static List<JsonObject> readLines(Path file) {
    List<JsonObject> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonElement e = JsonParser.parseString(line);
          if (!e.isJsonObject()) {
            throw new UserInputException(file + " line " + n + ": expected a JSON object");
          }
          out.add(e.getAsJsonObject());
        } catch (JsonParseException e) {
          throw new UserInputException(
              file + " line " + n + ": not valid JSON: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
