package org.medinstruct.tasks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medinstruct.model.MedTask;

/**
 * Turns an instruction-model completion into tasks.
 *
 * <p>Input: the completion text, which continues a prompt ending in "N. Type:", the finish reason
 * and N. Output: a {@link ParseResult} with the tasks in completion order (fields the model left
 * out are null, empty ones "", for {@link TaskFilter} to reject), the chunks that had no field at
 * all (reason {@code unparseable}) and, when the finish reason is "length", the last task, which
 * may be cut, as dropped with reason {@code truncated}. No non-blank text is lost: each chunk ends
 * up in exactly one of the three. Never throws on any string.
 *
 * <p>Tasks are split on "###" and on numbered "K. Type:" (or line-start "Type:") boundaries,
 * because GPT-4 often skips the "###" and runs the next task into the previous input. Field labels
 * are matched case-insensitively with optional spaces before the colon, an optional "K." prefix and
 * optional markdown bold; a label at a line start is preferred over one inside a line. Values are
 * trimmed; one-line fields have their whitespace collapsed; quotes are removed around {@code
 * <noinput>}, around a whole value, and a lone unmatched double quote at either end. Types are
 * normalized with {@link TaskTypes#canonical}. Tasks get {@code position} = their 0-based index in
 * {@code tasks}; id and provenance are left for the caller.
 */
public final class TaskParser {
  /** Text that could not become a task. */
  public record Unparsed(String reason, String detail, String text) implements Serializable {}

  public record ParseResult(
      List<MedTask> tasks, List<Unparsed> rejected, int droppedTruncated, String truncatedText)
      implements Serializable {}

  static final String[] FIELDS = {"Type", "Topic", "View", "Difficulty", "Instruction", "Input"};

  private static final Pattern SEPARATOR = Pattern.compile("#{3,}");
  private static final Pattern TASK_START =
      Pattern.compile(
          "(?<![A-Za-z0-9])\\d{1,3}[ \\t]*[.)][ \\t]*\\**[ \\t]*type[ \\t]*\\**[ \\t]*:"
              + "|(?m)^[ \\t]*\\**[ \\t]*type[ \\t]*\\**[ \\t]*:",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TASK_NUMBER = Pattern.compile("^\\s*(\\d{1,3})\\s*[.)]");
  private static final Pattern[] LINE_LABEL = new Pattern[FIELDS.length];
  private static final Pattern[] INLINE_LABEL = new Pattern[FIELDS.length];
  private static final Pattern NO_INPUT =
      Pattern.compile(
          "^[\"'“”‘’`]*\\s*<\\s*no[ _-]?input\\s*>\\s*[\"'“”‘’`]*\\.?$", Pattern.CASE_INSENSITIVE);

  static {
    for (int i = 0; i < FIELDS.length; i++) {
      String name = "\\**[ \\t]*(?<name>" + FIELDS[i] + ")[ \\t]*\\**[ \\t]*:\\**";
      LINE_LABEL[i] =
          Pattern.compile("(?im)^[ \\t]*(?:(?<num>\\d{1,3})[ \\t]*[.)][ \\t]*)?" + name);
      if (i == 0) {
        LINE_LABEL[i] = Pattern.compile("(?i)^\\s*(?:(?<num>\\d{1,3})\\s*[.)]\\s*)?" + name);
      }
      INLINE_LABEL[i] =
          Pattern.compile("(?i)(?<![A-Za-z0-9])(?:(?<num>\\d{1,3})[ \\t]*[.)][ \\t]*)?" + name);
    }
  }

  private TaskParser() {}

  public static ParseResult parse(String completion, String finishReason, int firstTaskNumber) {
    String body = completion == null ? "" : completion.replace("\r\n", "\n").replace('\r', '\n');
    // Tolerate a completion that repeats the "N. Type:" the prompt ended with.
    String text =
        TASK_START.matcher(body.stripLeading()).lookingAt()
            ? body
            : firstTaskNumber + ". Type:" + body;
    List<String> chunks = split(text);
    boolean endsCleanly = text.strip().endsWith("###");
    int last = -1;
    for (int i = 0; i < chunks.size(); i++) {
      if (!chunks.get(i).isBlank()) {
        last = i;
      }
    }
    List<MedTask> tasks = new ArrayList<>();
    List<Unparsed> rejected = new ArrayList<>();
    int dropped = 0;
    String truncatedText = null;
    for (int i = 0; i < chunks.size(); i++) {
      String chunk = chunks.get(i);
      if (chunk.isBlank()) {
        continue;
      }
      if (i == last && "length".equals(finishReason) && !endsCleanly) {
        dropped = 1;
        truncatedText = chunk.strip();
        continue;
      }
      MedTask task = parseChunk(chunk, tasks.size());
      if (task == null) {
        rejected.add(
            new Unparsed(
                "unparseable",
                "no Type/Topic/View/Difficulty/Instruction/Input" + " field found",
                chunk.strip()));
      } else {
        tasks.add(task);
      }
    }
    return new ParseResult(List.copyOf(tasks), List.copyOf(rejected), dropped, truncatedText);
  }

  /** Splits on "###" and then before every task start except one at the very beginning. */
  static List<String> split(String text) {
    List<String> chunks = new ArrayList<>();
    for (String part : SEPARATOR.split(text, -1)) {
      Matcher m = TASK_START.matcher(part);
      int from = 0;
      while (m.find()) {
        if (m.start() > from && !part.substring(from, m.start()).isBlank()) {
          chunks.add(part.substring(from, m.start()));
          from = m.start();
        }
      }
      chunks.add(part.substring(from));
    }
    return chunks;
  }

  /** Null when no field label is found. */
  static MedTask parseChunk(String chunk, int position) {
    Matcher num = TASK_NUMBER.matcher(chunk);
    String taskNumber = num.lookingAt() ? num.group(1) : null;
    int[] labelStart = new int[FIELDS.length];
    int[] valueStart = new int[FIELDS.length];
    java.util.Arrays.fill(labelStart, -1);
    int pos = 0;
    boolean any = false;
    for (int i = 0; i < FIELDS.length; i++) {
      Matcher m = LINE_LABEL[i].matcher(chunk);
      // Type only counts at the chunk start: split() cut the text before every Type label.
      boolean found = i == 0 ? m.lookingAt() : m.find(pos);
      if (!found && i > 0) {
        m = INLINE_LABEL[i].matcher(chunk);
        found = m.find(pos);
      }
      if (!found) {
        continue;
      }
      any = true;
      String n = m.group("num");
      // A number that is not this task's belongs to the previous value ("Difficulty: 4. ...").
      labelStart[i] =
          n != null && taskNumber != null && !n.equals(taskNumber) ? m.start("name") : m.start();
      valueStart[i] = m.end();
      pos = m.end();
    }
    if (!any) {
      return null;
    }
    String[] values = new String[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      if (labelStart[i] < 0) {
        continue;
      }
      int end = chunk.length();
      for (int j = i + 1; j < FIELDS.length; j++) {
        if (labelStart[j] >= 0) {
          end = labelStart[j];
          break;
        }
      }
      values[i] = clean(chunk.substring(valueStart[i], Math.max(end, valueStart[i])), i < 4);
    }
    return new MedTask(
        null,
        TaskTypes.canonical(values[0]),
        values[1],
        values[2],
        values[3],
        values[4],
        values[5],
        0,
        -1,
        position,
        List.of());
  }

  static String clean(String raw, boolean oneLine) {
    String v = raw.strip();
    if (oneLine) {
      v = v.replaceAll("\\s+", " ");
    }
    if (NO_INPUT.matcher(v).matches()) {
      return MedTask.NO_INPUT;
    }
    v = unquote(v);
    return NO_INPUT.matcher(v).matches() ? MedTask.NO_INPUT : v;
  }

  /** Removes quotes that wrap the whole value, or a lone unmatched double quote at one end. */
  static String unquote(String v) {
    String[][] pairs = {{"\"", "\""}, {"'", "'"}, {"“", "”"}, {"‘", "’"}};
    for (String[] p : pairs) {
      if (v.length() >= 2 && v.startsWith(p[0]) && v.endsWith(p[1])) {
        String inner = v.substring(1, v.length() - 1);
        if (!inner.contains(p[0]) && !inner.contains(p[1])) {
          return inner.strip();
        }
      }
    }
    long quotes = v.chars().filter(c -> c == '"' || c == '“' || c == '”').count();
    if (quotes == 1 && (v.startsWith("\"") || v.startsWith("“"))) {
      return v.substring(1).strip();
    }
    if (quotes == 1 && (v.endsWith("\"") || v.endsWith("”"))) {
      return v.substring(0, v.length() - 1).strip();
    }
    return v;
  }
}
