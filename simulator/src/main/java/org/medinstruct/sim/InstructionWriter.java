package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medinstruct.dedup.RougeL;

/**
 * Continues an AlpaCare instruction-generation prompt (one ending in "N. Type:") with new numbered
 * tasks, as GPT-4 does, including GPT-4's realistic format defects.
 *
 * <p>Input: the prompt text, the stop sequences and a deterministic random source. Output: the
 * completion text, starting right after "N. Type:" (" Chat\nTopic: ...") and continuing through the
 * "###" that precedes the first stop header "M. Type:". The stop sequence itself is cut by the
 * server, as OpenAI does.
 *
 * <p>Each defect below occurs in about {@code defectRate} of the tasks: instruction-level defects
 * (blacklisted word, near-duplicate of a seed, near-duplicate of an earlier task in the same
 * completion, too-short instruction, multiple-choice input without choices, USMLE input under 50
 * words) are mutually exclusive; format defects (missing "###", quoted "&lt;noinput&gt;",
 * difficulty out of range, odd field-name case) are drawn independently. With probability
 * defectRate/3 a completion holds one to three tasks fewer than asked.
 */
final class InstructionWriter {
  static final Pattern PROMPT_END = Pattern.compile("(\\d+)\\.\\s*Type:\\s*$");
  private static final Pattern STOP_HEADER = Pattern.compile("^\\s*(\\d+)\\.\\s*Type:\\s*$");
  private static final Pattern SEED_INSTRUCTION =
      Pattern.compile("(?mi)^[ \\t]*Instruction[ \\t]*:[ \\t]*(\\S.*?)[ \\t]*$");
  static final int DEFAULT_TASKS = 12;

  /** Defect names, as counted by tests. */
  enum Defect {
    MISSING_SEPARATOR,
    QUOTED_NOINPUT,
    DIFFICULTY_OUT_OF_RANGE,
    BLACKLISTED_WORD,
    SEED_NEAR_DUPLICATE,
    INTERNAL_NEAR_DUPLICATE,
    MCQ_WITHOUT_CHOICES,
    SHORT_USMLE_INPUT,
    ODD_FIELD_NAMES,
    SHORT_INSTRUCTION,
    FEWER_TASKS
  }

  private static final List<String> BLACKLIST_LEADS =
      List.of(
          "Draw a diagram of ",
          "Create a flowchart of ",
          "Plot the ",
          "Draw a picture of ",
          "Make a graph of ",
          "Create a map of ",
          "Record a video explaining ");
  private static final Map<String, String> SYNONYMS =
      Map.ofEntries(
          Map.entry("explain", "describe"),
          Map.entry("describe", "explain"),
          Map.entry("what", "which"),
          Map.entry("common", "frequent"),
          Map.entry("patient", "person"),
          Map.entry("patients", "people"),
          Map.entry("write", "compose"),
          Map.entry("provide", "give"),
          Map.entry("main", "key"),
          Map.entry("symptoms", "signs"),
          Map.entry("treatment", "therapy"),
          Map.entry("disease", "condition"),
          Map.entry("effects", "consequences"),
          Map.entry("list", "name"),
          Map.entry("identify", "determine"),
          Map.entry("ask", "inquire"),
          Map.entry("classify", "categorize"),
          Map.entry("summarize", "condense"),
          Map.entry("simplify", "rephrase"),
          Map.entry("given", "provided"),
          Map.entry("following", "below"),
          Map.entry("important", "essential"),
          Map.entry("different", "various"),
          Map.entry("including", "covering"),
          Map.entry("risk", "danger"),
          Map.entry("how", "why"),
          Map.entry("its", "the"));

  /** Condition names of at most two words, for too-short instructions such as "Define gout.". */
  private static final List<String> SHORT_NAMES =
      MedVocab.CONDITIONS.stream()
          .map(Condition::name)
          .filter(n -> n.split(" ").length <= 2)
          .toList();

  private final Pick pick;
  private final TaskTemplates templates;
  private final double rate;
  private final SimConfig.InputWords inputWords;

  InstructionWriter(Pick pick, double defectRate) {
    this(pick, defectRate, null);
  }

  /**
   * {@code inputWords}: the input-length range (see {@link InputLength}); null for natural lengths.
   */
  InstructionWriter(Pick pick, double defectRate, SimConfig.InputWords inputWords) {
    this.inputWords = inputWords;
    this.pick = pick;
    this.templates = new TaskTemplates(pick);
    this.rate = Math.max(0, Math.min(defectRate, 1.0 / 6));
  }

  /** The first task number N when the prompt ends with "N. Type:", else -1. */
  static int firstNumber(String lastUserMessage) {
    Matcher m = PROMPT_END.matcher(lastUserMessage.trim());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Tasks to write: M - N for a stop "M. Type:" with M > N, else 12. */
  static int taskCount(int first, List<String> stops) {
    for (String s : stops) {
      Matcher m = STOP_HEADER.matcher(s);
      if (m.matches()) {
        int last = Integer.parseInt(m.group(1));
        if (last > first) {
          return last - first;
        }
      }
    }
    return DEFAULT_TASKS;
  }

  private static final Pattern LIST_OF = Pattern.compile("List of (\\d+) tasks:");

  /**
   * Tasks asked for without stop sequences: the "List of N tasks:" total minus the seeds, else 12.
   */
  static int structuredTaskCount(String prompt, int first) {
    Matcher m = LIST_OF.matcher(prompt);
    if (m.find()) {
      int total = Integer.parseInt(m.group(1));
      if (total >= first) {
        return total - first + 1;
      }
    }
    return DEFAULT_TASKS;
  }

  /**
   * The tasks as structured output: {@code {"tasks":[{instruction, input, type, topic, view,
   * difficulty}]}}, with the same instruction-level defects (and difficulty out of range) as the
   * text layout; format defects do not exist in JSON.
   */
  String writeJson(String prompt, int count) {
    List<String> seeds = seedInstructions(prompt);
    int written = tasksWritten(count);
    JsonArray tasks = new JsonArray();
    List<String> earlier = new ArrayList<>();
    for (int i = 0; i < written; i++) {
      TaskTemplates.Task t = oneTask(seeds, earlier);
      if (inputWords != null) {
        t = t.withInput(InputLength.resize(t.input(), inputWords, pick));
      }
      earlier.add(t.instruction());
      JsonObject o = new JsonObject();
      o.addProperty("instruction", t.instruction());
      o.addProperty("input", t.input());
      o.addProperty("type", t.type());
      o.addProperty("topic", t.topic());
      o.addProperty("view", t.view());
      o.addProperty("difficulty", pick.chance(rate) ? pick.between(6, 7) : t.difficulty());
      tasks.add(o);
    }
    JsonObject root = new JsonObject();
    root.add("tasks", tasks);
    return root.toString();
  }

  /** The seed instructions quoted in the prompt, in prompt order. */
  private static List<String> seedInstructions(String prompt) {
    List<String> seeds = new ArrayList<>();
    Matcher sm = SEED_INSTRUCTION.matcher(prompt);
    while (sm.find()) {
      seeds.add(sm.group(1));
    }
    return seeds;
  }

  /** How many of the {@code count} asked-for tasks the answer holds: now and then 1–3 fewer. */
  private int tasksWritten(int count) {
    if (count > 1 && pick.chance(rate / 3)) {
      return count - pick.between(1, Math.min(3, count - 1));
    }
    return count;
  }

  String write(String prompt, int first, int count) {
    List<String> seeds = seedInstructions(prompt);
    int written = tasksWritten(count);
    StringBuilder out = new StringBuilder();
    List<String> earlier = new ArrayList<>();
    for (int i = 0; i < written; i++) {
      int number = first + i;
      TaskTemplates.Task t = oneTask(seeds, earlier);
      if (inputWords != null) {
        t = t.withInput(InputLength.resize(t.input(), inputWords, pick));
      }
      earlier.add(t.instruction());
      if (i > 0) {
        // Missing "###": the next header runs on straight after the previous input.
        out.append(pick.chance(rate) ? "\n" : "\n###\n").append(number).append(". Type:");
      }
      out.append(format(t));
    }
    if (written == count) {
      out.append("\n###\n").append(first + count).append(". Type:");
    }
    return out.toString();
  }

  private TaskTemplates.Task oneTask(List<String> seeds, List<String> earlier) {
    double u = pick.rnd().nextDouble();
    TaskTemplates.Task t;
    if (u < 4 * rate) {
      t = templates.task(pick.one(TaskTemplates.TYPES));
      if (u < rate) {
        String lead = pick.one(BLACKLIST_LEADS);
        String rest = t.instruction().replaceAll("[.?]$", "");
        t =
            t.withInstruction(
                lead + Character.toLowerCase(rest.charAt(0)) + rest.substring(1) + ".");
      } else if (u < 2 * rate && !seeds.isEmpty()) {
        t = t.withInstruction(nearDuplicate(pick.one(seeds)));
      } else if (u < 3 * rate && !earlier.isEmpty()) {
        t = t.withInstruction(nearDuplicate(pick.one(earlier)));
      } else if (u >= 3 * rate) {
        t =
            t.withInstruction(
                pick.of("Explain ", "Define ", "Describe ", "Treat ")
                    + pick.one(SHORT_NAMES)
                    + ".");
      }
    } else if (u < 5 * rate) {
      t = templates.task("Multiple-choice Q&A");
      String in = t.input();
      t = t.withInput(in.substring(0, in.indexOf('?') + 1));
    } else if (u < 6 * rate) {
      t = templates.task("USMLE-style Q&A");
      Condition c = pick.condition();
      t =
          t.withInput(
              "Which of the following is first-line for "
                  + c.name()
                  + "? A) "
                  + c.drug()
                  + " B) "
                  + pick.conditionOtherThan(c).drug()
                  + " C) "
                  + pick.conditionOtherThan(c).drug()
                  + " D) "
                  + pick.conditionOtherThan(c).drug());
    } else {
      t = templates.task(pick.one(TaskTemplates.TYPES));
    }
    return t;
  }

  /** The instruction with one word changed (two for long ones), still ROUGE-L > 0.7 to it. */
  String nearDuplicate(String instruction) {
    String[] words = instruction.split(" ");
    int changes = words.length >= 12 ? 2 : 1;
    for (int attempt = 0; attempt < 2; attempt++, changes = 1) {
      String[] copy = words.clone();
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < copy.length; i++) {
        positions.add(i);
      }
      int done = 0;
      for (int idx : pick.distinct(positions, positions.size())) {
        if (done == changes) {
          break;
        }
        String w = copy[idx];
        String core = w.replaceAll("[^A-Za-z]", "").toLowerCase();
        String syn = SYNONYMS.get(core);
        if (syn != null && !core.isEmpty()) {
          String repl = Character.isUpperCase(w.charAt(0)) ? TaskTemplates.capitalize(syn) : syn;
          copy[idx] = w.replaceFirst("(?i)" + Pattern.quote(core), repl);
          done++;
        }
      }
      if (done == 0) {
        // No known synonym: insert a qualifier instead of replacing a word.
        int at = pick.between(1, Math.max(1, copy.length - 1));
        List<String> list = new ArrayList<>(List.of(copy));
        list.add(at, pick.of("clearly", "briefly", "main", "typical"));
        copy = list.toArray(new String[0]);
      }
      String candidate = String.join(" ", copy);
      if (RougeL.score(instruction, candidate) > 0.7) {
        return candidate;
      }
    }
    return instruction + " " + pick.of("briefly", "please");
  }

  private String format(TaskTemplates.Task t) {
    boolean odd = pick.chance(rate);
    String difficulty = Integer.toString(t.difficulty());
    if (pick.chance(rate)) {
      difficulty = pick.of("0", "6", "\"7\"");
    }
    String input = t.input();
    if (pick.chance(rate)) {
      input = "\"" + input + "\"";
    }
    return " "
        + t.type()
        + "\n"
        + (odd ? pick.of("topic:", "TOPIC :") : "Topic:")
        + " "
        + t.topic()
        + "\nView: "
        + t.view()
        + "\nDifficulty: "
        + difficulty
        + "\n"
        + (odd ? pick.of("instruction :", "INSTRUCTION:") : "Instruction:")
        + " "
        + t.instruction()
        + "\n"
        + (odd ? pick.of("INPUT:", "input :") : "Input:")
        + " "
        + input;
  }
}
