package org.medinstruct.pipeline.dedup;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.medinstruct.model.JsonSyntax;
import org.medinstruct.model.StrictUtf8;
import org.medinstruct.model.UserInputException;

/**
 * Reads and validates the dedup command's files. Every problem is a {@link UserInputException}
 * naming the file and the line (JSONL) or element (JSON array).
 */
public final class InputRecords {
  private InputRecords() {}

  /** One non-blank input line: its 1-based line number, exact text, and instruction. */
  record Line(long number, String raw, String instruction) {}

  /** Lines parsed per task of {@link #readJsonl}'s parallel parse. */
  private static final int CHUNK_LINES = 8192;

  /**
   * The non-blank lines of a JSONL file, each an object with a string "instruction". The lines are
   * parsed in parallel chunks (the client and the worker that reads a 1M-line input spent about 10
   * s in this parse on one core); a bad file reports its first bad line, as a sequential parse
   * would.
   */
  static List<Line> readJsonl(Path file) {
    String text = readUtf8(file);
    int[] starts = lineStarts(text);
    int lines = starts.length - 1;
    Object[] chunks = new Object[(lines + CHUNK_LINES - 1) / CHUNK_LINES];
    IntStream.range(0, chunks.length)
        .parallel()
        .forEach(
            c -> {
              try {
                chunks[c] = parseLines(text, starts, c * CHUNK_LINES, file);
              } catch (UserInputException e) {
                chunks[c] = e; // the chunk's first bad line; chunks before it are checked first
              }
            });
    List<Line> out = new ArrayList<>(lines);
    for (Object chunk : chunks) {
      if (chunk instanceof UserInputException e) {
        throw e;
      }
      @SuppressWarnings("unchecked")
      List<Line> parsed = (List<Line>) chunk;
      out.addAll(parsed);
    }
    return out;
  }

  /**
   * Where each line of {@code text} starts, plus one past the end of the last line (a final line
   * break starts no line).
   */
  private static int[] lineStarts(String text) {
    int[] starts = new int[1024];
    int n = 0;
    int start = 0;
    while (start < text.length()) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = start;
      int end = text.indexOf('\n', start);
      start = end < 0 ? text.length() + 1 : end + 1;
    }
    starts = Arrays.copyOf(starts, n + 1);
    starts[n] = n == 0 ? 0 : start;
    return starts;
  }

  /** Lines [first, first + CHUNK_LINES) of the file (0-based), blank ones skipped. */
  private static List<Line> parseLines(String text, int[] starts, int first, Path file) {
    int last = Math.min(starts.length - 1, first + CHUNK_LINES);
    List<Line> out = new ArrayList<>(last - first);
    for (int k = first; k < last; k++) {
      long number = k + 1L;
      String raw = text.substring(starts[k], Math.min(text.length(), starts[k + 1] - 1));
      if (raw.isBlank()) {
        continue;
      }
      JsonObject record = parseObject(raw, file, number);
      out.add(new Line(number, raw, field(record, file, "line " + number, "instruction")));
    }
    return out;
  }

  /** Instructions of a JSON array or JSONL file, from "instruction" or else "question". */
  public static List<String> readTexts(Path file) {
    String text = readUtf8(file);
    List<String> out = new ArrayList<>();
    if (text.stripLeading().startsWith("[")) {
      JsonElement root;
      try {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        root = JsonParser.parseReader(reader);
      } catch (JsonParseException e) {
        throw new UserInputException(file + ": " + JsonSyntax.describe(e, 1), e);
      }
      int i = 0;
      for (JsonElement e : root.getAsJsonArray()) {
        String where = "element " + i++;
        if (!e.isJsonObject()) {
          throw new UserInputException(file + " " + where + ": expected a JSON object");
        }
        out.add(field(e.getAsJsonObject(), file, where, "instruction", "question"));
      }
      return out;
    }
    long number = 0;
    for (String raw : text.split("\n", -1)) {
      number++;
      if (!raw.isBlank()) {
        String where = "line " + number;
        out.add(field(parseObject(raw, file, number), file, where, "instruction", "question"));
      }
    }
    return out;
  }

  private static String readUtf8(Path file) {
    try {
      // Not Files.readAllBytes: it reads the whole file through one temporary direct buffer of
      // the file's size, which a Flink TaskManager's small direct-memory limit cannot hold
      // (OutOfMemoryError: Direct buffer memory on a 234 MB input). FileInputStream uses none.
      if (!Files.exists(file)) {
        throw new NoSuchFileException(file.toString());
      }
      byte[] bytes;
      try (java.io.InputStream in = new java.io.FileInputStream(file.toFile())) {
        bytes = in.readAllBytes();
      }
      return StrictUtf8.decode(bytes);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file", e);
    } catch (CharacterCodingException e) {
      throw new UserInputException(file + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Line {@code number} of {@code file} as a JSON object; else an error naming line and column. */
  static JsonObject parseObject(String raw, Path file, long number) {
    JsonElement e;
    JsonReader reader = new JsonReader(new StringReader(raw));
    try {
      reader.setStrictness(Strictness.STRICT);
      e = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new UserInputException(
            file
                + ": line "
                + number
                + ": malformed JSON (text after the JSON value; one object per line expected)");
      }
    } catch (JsonParseException | IOException | IllegalStateException x) {
      throw new UserInputException(file + ": " + JsonSyntax.describe(x, number), x);
    }
    if (!e.isJsonObject()) {
      throw new UserInputException(file + ": line " + number + ": expected a JSON object");
    }
    return e.getAsJsonObject();
  }

  private static String field(JsonObject record, Path file, String where, String... names) {
    for (String name : names) {
      JsonElement v = record.get(name);
      if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
        return v.getAsString();
      }
    }
    throw new UserInputException(
        file
            + " "
            + where
            + ": record has no string field \""
            + String.join("\" or \"", names)
            + "\"");
  }
}
