package org.medinstruct.tasks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.medinstruct.model.MedTask;

/**
 * Structured tasks ({@code --structuredTasks=true}): the instruction model is asked, through {@code
 * response_format}, for a JSON object {@code {"tasks": [...]}} whose entries have the six fields
 * {instruction, input, type, topic, view, difficulty}, and the answer is read as JSON with no text
 * parsing.
 *
 * <p>{@link #RESPONSE_FORMAT} is OpenAI's strict {@code json_schema} format (strict mode needs an
 * object at the top level, every property required and no others). {@link #parse} gives the same
 * {@link TaskParser.ParseResult} as the text parser: the tasks in order, and as rejections a
 * completion that is not such an object ({@code malformed_json}; {@code truncated_json} when it was
 * cut at max_tokens) or an entry that is not a task ({@code malformed_entry}). Values are cleaned
 * as the text parser cleans them ({@code <noinput>}, quotes, the type's canonical name); a field of
 * the wrong type is kept as text for the filters to judge. Never throws on any string.
 */
public final class StructuredTasks {
  public static final String SCHEMA_NAME = "medical_tasks";
  static final String[] FIELDS = {"instruction", "input", "type", "topic", "view", "difficulty"};

  /** The {@code response_format} object sent with each instruction request, as JSON text. */
  public static final String RESPONSE_FORMAT = responseFormat().toString();

  private StructuredTasks() {}

  private static JsonObject responseFormat() {
    JsonObject properties = new JsonObject();
    properties.add(
        "instruction", field("string", "The task instruction, one self-contained request."));
    properties.add(
        "input",
        field(
            "string",
            "The input the instruction refers to (a case, a text, answer choices), or \"<noinput>\""
                + " when it needs none."));
    properties.add(
        "type", field("string", "The task type, e.g. Chat, Multiple-choice Q&A, Summarization."));
    properties.add("topic", field("string", "The medical topic."));
    properties.add("view", field("string", "Who asks: e.g. patient, medical student, physician."));
    properties.add("difficulty", field("integer", "Difficulty from 1 (easiest) to 5 (hardest)."));
    JsonObject task = object(properties);
    JsonObject list = new JsonObject();
    list.addProperty("type", "array");
    list.addProperty("description", "The new tasks, in the order asked for.");
    list.add("items", task);
    JsonObject top = new JsonObject();
    top.add("tasks", list);
    JsonObject schema = object(top);
    JsonObject jsonSchema = new JsonObject();
    jsonSchema.addProperty("name", SCHEMA_NAME);
    jsonSchema.addProperty("strict", true);
    jsonSchema.add("schema", schema);
    JsonObject format = new JsonObject();
    format.addProperty("type", "json_schema");
    format.add("json_schema", jsonSchema);
    return format;
  }

  private static JsonObject field(String type, String description) {
    JsonObject f = new JsonObject();
    f.addProperty("type", type);
    f.addProperty("description", description);
    return f;
  }

  private static JsonObject object(JsonObject properties) {
    JsonObject o = new JsonObject();
    o.addProperty("type", "object");
    o.add("properties", properties);
    JsonArray required = new JsonArray();
    properties.keySet().forEach(required::add);
    o.add("required", required);
    o.addProperty("additionalProperties", false);
    return o;
  }

  /** Whether a completion is a structured answer (a JSON object), not a text continuation. */
  public static boolean looksStructured(String completion) {
    return completion != null && completion.stripLeading().startsWith("{");
  }

  /** Reads the tasks of a structured completion. */
  public static TaskParser.ParseResult parse(String completion, String finishReason) {
    List<MedTask> tasks = new ArrayList<>();
    List<TaskParser.Unparsed> rejected = new ArrayList<>();
    JsonArray entries;
    try {
      JsonElement root = JsonParser.parseString(completion == null ? "" : completion);
      entries = root.getAsJsonObject().getAsJsonArray("tasks");
      if (entries == null) {
        throw new IllegalStateException("no \"tasks\" array");
      }
    } catch (RuntimeException e) {
      boolean cut = "length".equals(finishReason);
      rejected.add(
          new TaskParser.Unparsed(
              cut ? "truncated_json" : "malformed_json",
              cut
                  ? "finish_reason was length: the JSON was cut at max_tokens, so none of its tasks"
                      + " can be read"
                  : "the structured answer is not a JSON object with a \"tasks\" array ("
                      + e.getClass().getSimpleName()
                      + ")",
              completion));
      return new TaskParser.ParseResult(tasks, rejected, 0, null);
    }
    for (JsonElement e : entries) {
      if (!e.isJsonObject() || !hasInstruction(e.getAsJsonObject())) {
        rejected.add(
            new TaskParser.Unparsed(
                "malformed_entry",
                "an entry of \"tasks\" is not an object with a string \"instruction\"",
                e.toString()));
        continue;
      }
      JsonObject o = e.getAsJsonObject();
      String[] v = new String[FIELDS.length];
      for (int i = 0; i < FIELDS.length; i++) {
        v[i] = text(o.get(FIELDS[i]), i != 1 && i != 0);
      }
      tasks.add(
          new MedTask(
              null,
              v[2] == null ? null : TaskTypes.canonical(v[2]),
              v[3],
              v[4],
              v[5],
              v[0],
              v[1] == null || v[1].isEmpty() ? MedTask.NO_INPUT : v[1],
              0,
              -1,
              tasks.size(),
              List.of()));
    }
    return new TaskParser.ParseResult(tasks, rejected, 0, null);
  }

  private static boolean hasInstruction(JsonObject o) {
    JsonElement i = o.get("instruction");
    return i != null && i.isJsonPrimitive() && i.getAsJsonPrimitive().isString();
  }

  /**
   * A field's value as text (numbers as written), cleaned as the text parser does; null if absent.
   */
  private static String text(JsonElement e, boolean oneLine) {
    if (e == null || e.isJsonNull()) {
      return null;
    }
    String raw = e.isJsonPrimitive() ? e.getAsString() : e.toString();
    return TaskParser.clean(raw, oneLine);
  }
}
