package org.medinstruct.tasks;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.UserInputException;

/**
 * Loads seed tasks.
 *
 * <p>Input: a UTF-8 file holding either a JSON array of task objects (AlpaCare's {@code
 * med_seed.json} layout) or JSONL (one object per line; blank lines allowed). Fields: {@code
 * instruction} (required, non-blank), {@code difficulty} (required, integer 1-5 as a string or a
 * number), {@code input} (missing, null or blank means {@code <noinput>}), {@code id} (optional;
 * default "seed-N" with N the 1-based record number), {@code type}, {@code topic}, {@code view}
 * (lenient: missing or null become ""; seeds only steer the prompt, they are not filtered). Output:
 * the tasks in file order, as {@link MedTask#seed} records with type labels normalized by {@link
 * TaskTypes#canonical}. Failure: {@link UserInputException} naming the file and the line (JSONL) or
 * array element and line (JSON) for a missing, unreadable or empty file, malformed JSON, non-UTF-8
 * bytes (byte offset and line), a non-object record, a missing instruction, a bad difficulty, a
 * non-string field or a duplicate id.
 */
public final class SeedLoader {
  /** The default seed set: a resource of the pipeline module (and of testdata, for tests). */
  public static final String DEFAULT_RESOURCE = "/org/medinstruct/pipeline/seed_tasks.jsonl";

  private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);
  private static final Pattern GSON_LOCATION =
      Pattern.compile("\\s*at line (\\d+) column (\\d+)(?: path \\S*)?", Pattern.DOTALL);
  private static final Pattern READER_LINE = Pattern.compile("at line (\\d+)");

  private SeedLoader() {}

  public static List<MedTask> load(Path path) {
    return load(path, false);
  }

  /**
   * The seeds with type, topic, view and input exactly as written (no label normalization, no
   * stripping; an absent input is "&lt;noinput&gt;"), as AlpaCare's scripts put them in a prompt.
   * Validation is the same as {@link #load}.
   */
  public static List<MedTask> loadVerbatim(Path path) {
    return load(path, true);
  }

  private static List<MedTask> load(Path path, boolean verbatim) {
    if (Files.isDirectory(path)) {
      throw new UserInputException(path + ": is a directory, expected a seed file");
    }
    try {
      return parse(Files.readAllBytes(path), path.toString(), verbatim);
    } catch (NoSuchFileException e) {
      throw new UserInputException(path + ": seed file not found");
    } catch (IOException e) {
      throw new UserInputException(path + ": cannot read seed file: " + e.getMessage(), e);
    }
  }

  /** The project's own seed set, the classpath resource {@link #DEFAULT_RESOURCE}. */
  public static List<MedTask> loadDefault() {
    try (InputStream in = SeedLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
      }
      return parse(in.readAllBytes(), "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** One record of a task file: the task, the record as written, and where it is ("line 3"). */
  public record TaskRecord(MedTask task, JsonObject record, String where) {}

  private interface ToTask<T> {
    T convert(JsonElement element, int number, String name, String where);
  }

  /**
   * Reads any task file (JSON array or JSONL) for filtering: only malformed JSON, a non-object
   * record, a non-string field or an unreadable file is an error ({@link UserInputException} naming
   * the file and record); missing fields and bad difficulties are left for the task filter to
   * reject. A missing or blank input means no input, as in seed files. Type labels are normalized;
   * numbers in {@code difficulty} become strings.
   */
  public static List<TaskRecord> readTasks(Path path) {
    if (Files.isDirectory(path)) {
      throw new UserInputException(path + ": is a directory, expected a task file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new UserInputException(path + ": task file not found");
    } catch (IOException e) {
      throw new UserInputException(path + ": cannot read task file: " + e.getMessage(), e);
    }
    String name = path.toString();
    String text = decodeStrict(bytes, name);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new UserInputException(name + ": empty file, no task records");
    }
    return text.stripLeading().startsWith("[")
        ? parseArray(text, name, SeedLoader::toTaskRecord)
        : parseLines(text, name, SeedLoader::toTaskRecord);
  }

  /** Parses seed file bytes; {@code name} is used in error messages. */
  public static List<MedTask> parse(byte[] bytes, String name) {
    return parse(bytes, name, false);
  }

  private static List<MedTask> parse(byte[] bytes, String name, boolean verbatim) {
    String text = decodeStrict(bytes, name);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new UserInputException(name + ": empty file, no seed records");
    }
    List<MedTask> tasks =
        text.stripLeading().startsWith("[")
            ? parseArray(text, name, (e, n, f, w) -> toTask(e, n, f, w, verbatim))
            : parseLines(text, name, (e, n, f, w) -> toTask(e, n, f, w, verbatim));
    if (tasks.isEmpty()) {
      throw new UserInputException(name + ": no seed records");
    }
    Set<String> ids = new HashSet<>();
    for (MedTask t : tasks) {
      if (!ids.add(t.id())) {
        throw new UserInputException(name + ": duplicate id '" + t.id() + "'");
      }
    }
    return List.copyOf(tasks);
  }

  private static <T> List<T> parseArray(String text, String name, ToTask<T> toTask) {
    List<T> tasks = new ArrayList<>();
    JsonReader reader = strictReader(text);
    int index = 0;
    String where = "the array";
    try {
      reader.beginArray();
      while (reader.hasNext()) {
        where = "array element " + index + " (line " + readerLine(reader) + ")";
        JsonElement element = ELEMENTS.read(reader);
        tasks.add(toTask.convert(element, index + 1, name, where));
        index++;
      }
      where = index == 0 ? "the array" : "the array after element " + (index - 1);
      reader.endArray();
      where = "the content after the closing ']'";
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new IllegalStateException(
            "unexpected content " + reader.toString().replaceFirst("^JsonReader ", ""));
      }
    } catch (IOException | IllegalStateException | JsonParseException e) {
      throw new UserInputException(name + ": malformed JSON in " + where + ": " + gson(e), e);
    }
    return tasks;
  }

  private static <T> List<T> parseLines(String text, String name, ToTask<T> toTask) {
    List<T> tasks = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      String where = "line " + (i + 1);
      JsonElement element;
      try {
        JsonReader reader = strictReader(line);
        element = ELEMENTS.read(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
          throw new UserInputException(
              name
                  + ": "
                  + where
                  + ": unexpected content after the JSON value (one object per line expected)");
        }
      } catch (IOException | IllegalStateException | JsonParseException e) {
        Matcher m = GSON_LOCATION.matcher(String.valueOf(e.getMessage()));
        String column = m.find() ? ", column " + m.group(2) : "";
        throw new UserInputException(
            name + ": " + where + column + ": malformed JSON: " + gsonWithoutLocation(e), e);
      }
      tasks.add(toTask.convert(element, tasks.size() + 1, name, where));
    }
    return tasks;
  }

  private static MedTask toTask(
      JsonElement element, int number, String name, String where, boolean verbatim) {
    String ctx = name + ": " + where + ": ";
    if (!element.isJsonObject()) {
      throw new UserInputException(ctx + "record is not a JSON object");
    }
    JsonObject o = element.getAsJsonObject();
    String instruction = string(o, "instruction", ctx);
    if (instruction == null || instruction.isBlank()) {
      throw new UserInputException(ctx + "missing or blank instruction");
    }
    String input = string(o, "input", ctx);
    String id =
        o.has("id") && !o.get("id").isJsonNull() ? idOf(o.get("id"), ctx) : "seed-" + number;
    if (verbatim) {
      return MedTask.seed(
          id,
          new MedTask.Labels(
              orEmpty(string(o, "type", ctx)),
              orEmpty(string(o, "topic", ctx)),
              orEmpty(string(o, "view", ctx)),
              difficulty(o, ctx)),
          instruction,
          input == null ? MedTask.NO_INPUT : input);
    }
    return MedTask.seed(
        id,
        new MedTask.Labels(
            TaskTypes.canonical(orEmpty(string(o, "type", ctx))),
            orEmpty(string(o, "topic", ctx)).strip(),
            orEmpty(string(o, "view", ctx)).strip(),
            difficulty(o, ctx)),
        instruction.strip(),
        input == null || input.isBlank() ? MedTask.NO_INPUT : input.strip());
  }

  private static TaskRecord toTaskRecord(
      JsonElement element, int number, String name, String where) {
    String ctx = name + ": " + where + ": ";
    if (!element.isJsonObject()) {
      throw new UserInputException(ctx + "record is not a JSON object");
    }
    JsonObject o = element.getAsJsonObject();
    String input = string(o, "input", ctx);
    String id =
        o.has("id") && !o.get("id").isJsonNull() ? idOf(o.get("id"), ctx) : "task-" + number;
    JsonElement d = o.get("difficulty");
    String difficulty =
        d != null && d.isJsonPrimitive() && d.getAsJsonPrimitive().isNumber()
            ? d.getAsString()
            : string(o, "difficulty", ctx);
    MedTask task =
        MedTask.seed(
            id,
            new MedTask.Labels(
                TaskTypes.canonical(string(o, "type", ctx)),
                string(o, "topic", ctx),
                string(o, "view", ctx),
                difficulty),
            string(o, "instruction", ctx),
            input == null || input.isBlank() ? MedTask.NO_INPUT : input.strip());
    return new TaskRecord(task, o, where);
  }

  private static String difficulty(JsonObject o, String ctx) {
    JsonElement d = o.get("difficulty");
    if (d == null || d.isJsonNull()) {
      throw new UserInputException(ctx + "missing difficulty (integer 1-5)");
    }
    if (d.isJsonPrimitive()) {
      JsonPrimitive p = d.getAsJsonPrimitive();
      if (p.isString() && p.getAsString().strip().matches("[1-5]")) {
        return p.getAsString().strip();
      }
      if (p.isNumber()) {
        try {
          int v = new BigDecimal(p.getAsString()).intValueExact();
          if (v >= 1 && v <= 5) {
            return Integer.toString(v);
          }
        } catch (ArithmeticException | NumberFormatException e) {
          // reported below
        }
      }
    }
    throw new UserInputException(ctx + "difficulty " + d + " is not an integer 1-5");
  }

  private static String string(JsonObject o, String field, String ctx) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new UserInputException(ctx + "field '" + field + "' must be a string, got " + e);
    }
    return e.getAsString();
  }

  private static String idOf(JsonElement e, String ctx) {
    if (e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean() && !e.getAsString().isBlank()) {
      return e.getAsString().strip();
    }
    throw new UserInputException(ctx + "field 'id' must be a non-blank string or number, got " + e);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static JsonReader strictReader(String text) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.LEGACY_STRICT);
    return reader;
  }

  private static String readerLine(JsonReader reader) {
    Matcher m = READER_LINE.matcher(reader.toString());
    return m.find() ? m.group(1) : "?";
  }

  /** Gson's message without its troubleshooting link. */
  private static String gson(Exception e) {
    String msg = String.valueOf(e.getMessage());
    int see = msg.indexOf("\nSee ");
    msg = see >= 0 ? msg.substring(0, see) : msg;
    // Gson's advice to go lenient means "syntax error" to a seed-file author.
    return msg.replace(
        "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
        "JSON syntax error");
  }

  private static String gsonWithoutLocation(Exception e) {
    return GSON_LOCATION.matcher(gson(e)).replaceAll("");
  }

  /** Strict UTF-8; the error names the byte offset and line of the first bad byte. */
  static String decodeStrict(byte[] bytes, String name) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new UserInputException(
          String.format(
              "%s: line %d: not valid UTF-8 (byte 0x%02X at byte offset %d)",
              name, line, bytes[offset] & 0xFF, offset));
    }
    out.flip();
    return out.toString();
  }
}
