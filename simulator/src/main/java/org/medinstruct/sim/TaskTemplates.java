package org.medinstruct.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one clean medical task of a given format, the way GPT-4 does for the AlpaCare prompt.
 *
 * <p>The formats, patterns and word lists are data: the resource {@code task_templates.json}.
 * Instructions come from patterns with alternation groups {@code [a|b|c]} and slots {@code {C}}
 * (see {@link #slots}), followed by an optional context tail (setting, population, audience) and
 * focus clause. Fixed wording is kept short relative to the varying parts, so two unrelated tasks
 * only pass ROUGE-L 0.7 when several independent choices coincide.
 */
final class TaskTemplates {
  static final String NO_INPUT = "<noinput>";

  private static final JsonObject DATA = SimData.load("task_templates.json");

  /** The ten task formats, in the order the writer draws them. */
  static final List<String> TYPES = SimData.strings(DATA.getAsJsonArray("types"));

  /** A generated task before formatting. */
  record Task(
      String type, String topic, String view, int difficulty, String instruction, String input) {
    Task withInstruction(String i) {
      return new Task(type, topic, view, difficulty, i, input);
    }

    Task withInput(String in) {
      return new Task(type, topic, view, difficulty, instruction, in);
    }
  }

  /** What goes in the Input field. */
  enum In {
    NONE,
    VIGNETTE,
    NOTE,
    MESSAGE,
    ABSTRACT,
    REPORT,
    MEDLIST,
    STATEMENTS,
    MCQ,
    USMLE
  }

  /** A pattern with its input kind; {@code lay} marks first-person patient wording. */
  record Pattern0(In in, boolean lay, String text) {}

  private static final JsonObject FORMATS = DATA.getAsJsonObject("formats");

  /** Per format: its patterns, in file order. */
  static final Map<String, List<Pattern0>> PATTERNS = perFormat(TaskTemplates::patterns);

  private static final List<String> GENERIC_TOPICS = list("genericTopics");
  private static final List<String> SCORES = list("scores");
  private static final List<String> ROLES = list("roles");
  private static final List<String> MED_CRITERIA = list("medCriteria");
  private static final List<String> LAY_VIEWS = list("layViews");
  private static final List<String> LAY_SITUATIONS = list("laySituations");
  private static final Map<String, List<String>> VIEWS =
      perFormat(f -> SimData.strings(f.getAsJsonArray("views")));
  private static final Map<String, int[]> DIFFICULTY =
      perFormat(
          f -> {
            JsonArray range = f.getAsJsonArray("difficulty");
            return new int[] {range.get(0).getAsInt(), range.get(1).getAsInt()};
          });

  private static List<String> list(String name) {
    return SimData.strings(DATA.getAsJsonArray(name));
  }

  private static <T> Map<String, T> perFormat(Function<JsonObject, T> value) {
    Map<String, T> out = new HashMap<>();
    for (String type : TYPES) {
      out.put(type, value.apply(FORMATS.getAsJsonObject(type)));
    }
    return Map.copyOf(out);
  }

  private static List<Pattern0> patterns(JsonObject format) {
    List<Pattern0> out = new ArrayList<>();
    for (JsonElement e : format.getAsJsonArray("patterns")) {
      JsonObject p = e.getAsJsonObject();
      out.add(
          new Pattern0(
              In.valueOf(p.get("input").getAsString()),
              p.has("lay") && p.get("lay").getAsBoolean(),
              p.get("text").getAsString()));
    }
    return List.copyOf(out);
  }

  private static final Pattern GROUP = Pattern.compile("\\[([^\\[\\]]*)\\]");
  private static final Pattern SLOT = Pattern.compile("\\{([A-Z0-9]+)\\}");

  private final Pick pick;
  private final ClinicalText text;
  private final ReferenceText reference;

  TaskTemplates(Pick pick) {
    this.pick = pick;
    this.text = new ClinicalText(pick);
    this.reference = new ReferenceText(pick);
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String topicFor(Condition c) {
    return switch (pick.between(0, 3)) {
      case 0 -> c.topic();
      case 1 -> pick.one(GENERIC_TOPICS);
      case 2 -> capitalize(c.name());
      default ->
          capitalize(c.name())
              + " "
              + pick.of("treatment", "diagnosis", "management", "prevention", "complications");
    };
  }

  /** Values for every slot, drawn once per task so that the instruction and input agree. */
  private Map<String, String> slots(Condition c, ClinicalText.Patient pt, String topic) {
    String[] d = pick.drug();
    Map<String, String> s = new HashMap<>();
    s.put("C", c.name());
    s.put("C2", pick.conditionOtherThan(c).name());
    s.put("C3", pick.conditionOtherThan(c).name());
    s.put("CDRUG", c.drug());
    s.put("TEST", c.test());
    s.put("COMP", c.complication());
    s.put("SYM", c.symptoms().get(pick.between(0, 2)));
    s.put("D", d[0]);
    s.put("DCLASS", d[1]);
    s.put("DUSE", d[2]);
    s.put("DAE", d[3]);
    s.put("PT", pt.describe());
    s.put("AGE", Integer.toString(pt.age()));
    s.put("P", pick.one(MedVocab.POPULATIONS));
    s.put("S", pick.one(MedVocab.SETTINGS));
    s.put("AUD", pick.one(MedVocab.AUDIENCES));
    s.put("DOC", pick.one(MedVocab.DOC_TYPES));
    s.put("ASP", pick.one(MedVocab.ASPECTS));
    s.put("AN", pick.one(MedVocab.ANATOMY));
    s.put("SCORE", pick.one(SCORES));
    s.put("ROLE", pick.one(ROLES));
    s.put("REL", pick.one(MedVocab.RELATIVES));
    s.put("SPEC", c.topic().toLowerCase());
    s.put("SPEC2", pick.conditionOtherThan(c).topic().toLowerCase());
    s.put("N", Integer.toString(pick.between(2, 6)));
    s.put("MEDCRIT", pick.one(MED_CRITERIA));
    s.put(
        "MTOPIC",
        pick.of(
            topic.toLowerCase(),
            pick.one(MedVocab.ASPECTS),
            c.topic().toLowerCase() + " in " + pick.one(MedVocab.POPULATIONS),
            c.name()));
    return s;
  }

  /** Expands alternation groups then slots. */
  String expand(String pattern, Map<String, String> slots) {
    Matcher g = GROUP.matcher(pattern);
    StringBuilder b = new StringBuilder();
    while (g.find()) {
      String[] alts = g.group(1).split("\\|", -1);
      g.appendReplacement(b, Matcher.quoteReplacement(alts[pick.rnd().nextInt(alts.length)]));
    }
    g.appendTail(b);
    Matcher m = SLOT.matcher(b.toString());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = slots.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException("unknown slot " + m.group(1) + " in " + pattern);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Context tail such as " in a rural clinic", or "". */
  private String tail(boolean lay, ClinicalText.Patient pt) {
    if (lay) {
      return switch (pick.between(0, 4)) {
        case 0 -> " now that " + pick.one(LAY_SITUATIONS);
        case 1 -> " given that " + pick.one(LAY_SITUATIONS);
        case 2 -> " as a " + pt.describe();
        case 3 -> " since my " + pick.one(MedVocab.RELATIVES) + " had " + pick.condition().name();
        default -> "";
      };
    }
    // Tail 95 %, second setting 50 %, focus clause 75 % (were 85/25/50): greedy dedup (ROUGE-L >
    // 0.7) of 80k simulated tasks drops 23.7 % of them instead of 32.0 % (40k: 18.1 %, was 24.8 %).
    if (!pick.chance(0.95)) {
      return "";
    }
    String t =
        switch (pick.between(0, 3)) {
          case 0 -> " " + pick.one(MedVocab.SETTINGS);
          case 1 -> " in " + pick.one(MedVocab.POPULATIONS);
          case 2 -> " for " + pick.one(MedVocab.AUDIENCES);
          default -> " from the perspective of a " + pick.one(ROLES);
        };
    return pick.chance(0.5) ? t + " " + pick.one(MedVocab.SETTINGS) : t;
  }

  Task task(String type) {
    Condition c = pick.condition();
    ClinicalText.Patient pt = text.patientFor(c);
    String topic = topicFor(c);
    String view = pick.one(VIEWS.get(type));
    boolean layView = LAY_VIEWS.contains(view);
    List<Pattern0> candidates = new ArrayList<>();
    for (Pattern0 p : PATTERNS.get(type)) {
      if (p.lay() == layView) {
        candidates.add(p);
      }
    }
    if (candidates.isEmpty()) {
      candidates = PATTERNS.get(type);
      view = pick.one(VIEWS.get(type).stream().filter(v -> !LAY_VIEWS.contains(v)).toList());
      layView = false;
    }
    Pattern0 pat = pick.one(candidates);
    Map<String, String> s = slots(c, pt, topic);
    String instruction = expand(pat.text(), s);
    String tail = tail(layView, pt);
    if (instruction.endsWith("?")) {
      instruction = instruction.substring(0, instruction.length() - 1) + tail + "?";
    } else {
      instruction += tail;
      if (!layView && pick.chance(0.75)) {
        instruction += ", " + pick.one(MedVocab.FOCUSES);
      }
      instruction += ".";
    }
    int[] range = DIFFICULTY.get(type);
    int diff = layView ? pick.between(1, 2) : pick.between(range[0], range[1]);
    return new Task(type, topic, view, diff, capitalize(instruction), input(pat.in(), c, pt));
  }

  private String input(In kind, Condition c, ClinicalText.Patient pt) {
    return switch (kind) {
      case NONE -> NO_INPUT;
      case VIGNETTE -> text.vignette(c, pt);
      case NOTE -> text.clinicalNote(c, pt);
      case MESSAGE -> text.patientMessage(c, pt);
      case ABSTRACT -> reference.abstractText(c);
      case REPORT -> text.report(c, pt);
      case MEDLIST -> reference.medicationList();
      case STATEMENTS -> reference.statements(c);
      case MCQ -> {
        ClinicalText.Question q = text.question(c, pt, pick.chance(0.3));
        yield q.stem() + text.choices(q.options());
      }
      case USMLE -> {
        ClinicalText.Question q = text.question(c, pt, true);
        yield q.stem() + text.choices(q.options());
      }
    };
  }
}
