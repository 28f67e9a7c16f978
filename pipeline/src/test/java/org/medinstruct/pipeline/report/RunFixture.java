package org.medinstruct.pipeline.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.medinstruct.dedup.RougeL;
import org.medinstruct.model.Failure;
import org.medinstruct.model.FailureKind;
import org.medinstruct.model.Records;
import org.medinstruct.model.Rejection;
import org.medinstruct.pipeline.RoundState;
import org.medinstruct.pipeline.SummaryContext;
import org.medinstruct.pipeline.SummaryFixtures;
import org.medinstruct.stages.Usage;

/**
 * Writes a realistic run directory in the pipeline's output schema (medinstruct.json/.jsonl,
 * rejected.jsonl, failed.jsonl, summary.json), deterministic for a seed. summary.json is built from
 * the fixture's records by the production code ({@link SummaryFixtures}). Task types are spelled
 * the way GPT-4 varies them ("Text generation"/"Text Generation", "Rewrites" ...); the counts per
 * spelling are given by {@link #TYPE_PLAN} scaled to the size, so tests know the true totals.
 * "Multi-hop reasoning" is requested but never produced, "Multiple-choice Q&A" is rare.
 *
 * <p>{@code main(DIR, N)} writes a fixture of N accepted tasks and its report (for the demo
 * screenshot).
 */
final class RunFixture {
  /** Type spelling → share of accepted records (per 1000). */
  static final Map<String, Integer> TYPE_PLAN = new LinkedHashMap<>();

  static {
    TYPE_PLAN.put("Text generation", 130);
    TYPE_PLAN.put("Text Generation", 120);
    TYPE_PLAN.put("Open Q&A", 180);
    TYPE_PLAN.put("Chat", 100);
    TYPE_PLAN.put("Rewrite", 60);
    TYPE_PLAN.put("Rewrites", 30);
    TYPE_PLAN.put("Summarization", 80);
    TYPE_PLAN.put("Classification", 90);
    TYPE_PLAN.put("USMLE style Q&A", 60);
    TYPE_PLAN.put("Single-hop reasoning", 140);
    TYPE_PLAN.put("Multiple choice Q&A", 10);
  }

  /** The formats the generation prompt asks for, as production writes them. */
  static final List<String> REQUESTED_FORMATS =
      org.medinstruct.pipeline.SummaryContext.REQUESTED_FORMATS;

  private static final String[] VIEWS = {
    "Medical Student",
    "Medical student",
    "Patient",
    "Expert",
    "Physician",
    "Nurse",
    "Pharmacist",
    "Medical Students",
    "Patient's Perspective",
    "Radiologist",
    "Clinician"
  };
  private static final String[] TOPICS = {
    "Cardiology",
    "cardiology",
    "Pharmacology",
    "Anatomy",
    "Diabetes",
    "Hypertension",
    "COVID-19",
    "Covid-19",
    "Oncology",
    "Neurology",
    "Pediatrics",
    "Genetics",
    "Epidemiology",
    "Infectious Diseases",
    "Nephrology",
    "Dermatology",
    "Psychiatry",
    "Endocrinology",
    "Gastroenterology",
    "Hematology",
    "Pulmonology",
    "Rheumatology",
    "Obstetrics",
    "Ophthalmology",
    "Immunology"
  };
  private static final String[] VERBS = {
    "Explain",
    "Describe",
    "Summarize",
    "List",
    "Provide",
    "Write",
    "Identify",
    "Outline",
    "Discuss",
    "Compare",
    "Classify",
    "Generate",
    "Suggest",
    "Create",
    "Evaluate",
    "Interpret",
    "Recommend",
    "Review",
    "Assess",
    "Rewrite",
    "Define",
    "Analyze",
    "Translate",
    "Predict"
  };
  private static final String[] NOUNS = {
    "pathophysiology",
    "symptoms",
    "causes",
    "complications",
    "treatment options",
    "risk factors",
    "diagnostic criteria",
    "prognosis",
    "management plan",
    "first-line drugs",
    "side effects",
    "patient leaflet",
    "case report",
    "differential diagnosis",
    "screening guidelines",
    "lab findings",
    "nursing care plan",
    "discharge summary",
    "lifestyle advice",
    "imaging findings"
  };
  private static final String[] CONDITIONS = {
    "asthma",
    "type 2 diabetes",
    "hypertension",
    "heart failure",
    "pneumonia",
    "migraine",
    "chronic kidney disease",
    "COPD",
    "sepsis",
    "atrial fibrillation",
    "rheumatoid arthritis",
    "hypothyroidism",
    "iron deficiency anemia",
    "psoriasis",
    "major depressive disorder",
    "tuberculosis",
    "hepatitis B",
    "osteoporosis",
    "gout",
    "Parkinson's disease",
    "multiple sclerosis",
    "celiac disease",
    "endometriosis",
    "glaucoma",
    "sickle cell disease",
    "Lyme disease",
    "pancreatitis",
    "appendicitis",
    "preeclampsia",
    "bronchiolitis",
    "otitis media",
    "cystic fibrosis",
    "lupus",
    "Crohn's disease",
    "stroke",
    "myocardial infarction",
    "HIV infection",
    "malaria",
    "melanoma",
    "dementia"
  };
  private static final String[] WHO = {
    "",
    " in children",
    " in pregnancy",
    " in older adults",
    " for a newly diagnosed patient",
    " for a nursing student",
    " for a caregiver",
    " in a rural clinic",
    " after surgery",
    " in an athlete",
    " in a smoker",
    " for a 45-year-old woman",
    " for a 70-year-old man",
    " in the emergency department"
  };
  private static final String[] HOW = {
    "",
    " in plain language",
    " in three bullet points",
    " with one clinical example",
    " citing current guidelines",
    " in under 100 words",
    " as a table",
    " step by step",
    " for a board exam",
    " and explain your reasoning"
  };
  private static final String[] WORDS =
      ("the patient should be monitored closely and treatment adjusted according to response blood"
           + " pressure glucose levels symptoms may include fatigue pain and shortness of breath"
           + " consult a physician if therapy first line options are lifestyle changes medication"
           + " and regular follow up")
          .split(" ");

  private RunFixture() {}

  static void write(Path dir, int accepted, long seed) throws IOException {
    write(dir, accepted, seed, true);
  }

  /** Without the ROUGE-L uniqueness of instructions (quadratic), for benchmark sizes. */
  static void writeFast(Path dir, int accepted, long seed) throws IOException {
    write(dir, accepted, seed, false);
  }

  private static void write(Path dir, int accepted, long seed, boolean distinct)
      throws IOException {
    Files.createDirectories(dir);
    Random rnd = new Random(seed);
    Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    List<String> types = typeList(accepted);
    List<JsonObject> records = new ArrayList<>();
    JsonArray alpaca = new JsonArray();
    for (int i = 0; i < accepted; i++) {
      String instruction = uniqueInstruction(rnd, distinct ? records : List.of());
      boolean hasInput = rnd.nextDouble() < 0.55;
      String input =
          hasInput ? text(rnd, 10 + (int) Math.abs(rnd.nextGaussian() * 40)) : "<noinput>";
      String output = text(rnd, 40 + (int) Math.abs(rnd.nextGaussian() * 160));
      JsonObject r = new JsonObject();
      r.addProperty("id", "t" + i);
      r.addProperty("instruction", instruction);
      r.addProperty("input", input);
      r.addProperty("output", output);
      r.addProperty("type", types.get(i));
      r.addProperty("topic", TOPICS[rnd.nextInt(TOPICS.length)]);
      r.addProperty("view", VIEWS[rnd.nextInt(VIEWS.length)]);
      r.addProperty(
          "difficulty",
          String.valueOf(1 + Math.min(4, (int) Math.abs(rnd.nextGaussian() * 1.6 + 2))));
      r.addProperty("round", 1 + i * 3 / Math.max(1, accepted));
      r.addProperty("request_index", i / 9);
      r.addProperty("position", i % 12 + 1);
      JsonArray seeds = new JsonArray();
      for (int k = 0; k < 3; k++) {
        seeds.add("seed_" + rnd.nextInt(167));
      }
      r.add("seed_ids", seeds);
      r.addProperty("instruction_model", "gpt-4");
      r.addProperty("response_model", "gpt-3.5-turbo");
      r.addProperty(
          "nearest", i == 0 ? null : records.get(rnd.nextInt(i)).get("instruction").getAsString());
      r.addProperty("rougeL", i == 0 ? null : Math.min(0.7, rnd.nextDouble() * 0.5 + 0.15));
      r.addProperty("nearest_seed", "Explain what multiple sclerosis is.");
      r.addProperty(
          "nearest_seed_rougeL", Math.min(0.95, Math.abs(rnd.nextGaussian() * 0.1 + 0.27)));
      r.addProperty("finish_reason", "stop");
      JsonObject usage = new JsonObject();
      usage.addProperty("prompt_tokens", 60 + rnd.nextInt(200));
      usage.addProperty("completion_tokens", 80 + rnd.nextInt(300));
      r.add("usage", usage);
      records.add(r);
      JsonObject a = new JsonObject();
      a.addProperty("instruction", instruction);
      a.addProperty("input", input);
      a.addProperty("output", output);
      alpaca.add(a);
    }
    writeLines(dir.resolve("medinstruct.jsonl"), records, gson);
    Files.writeString(dir.resolve("medinstruct.json"), gson.toJson(alpaca), StandardCharsets.UTF_8);

    // Rejections and failures, consistent with the summary's counts.
    Map<String, Integer> reasons = new LinkedHashMap<>();
    reasons.put("parse/missing_field", accepted / 50 + 1);
    reasons.put("filter/instruction_too_short", accepted / 40 + 1);
    reasons.put("filter/blacklisted_word", accepted / 25 + 1);
    reasons.put("filter/input_length", accepted / 60 + 1);
    reasons.put("dedup/duplicate", accepted / 4 + 1);
    reasons.put("response_filter/refusal", accepted / 80 + 1);
    reasons.put("response_filter/truncated", accepted / 90 + 1);
    reasons.put("target/surplus_over_target", accepted / 30 + 1);
    List<JsonObject> rejected = new ArrayList<>();
    for (var e : reasons.entrySet()) {
      String[] sr = e.getKey().split("/");
      for (int k = 0; k < e.getValue(); k++) {
        JsonObject task = new JsonObject();
        task.addProperty("instruction", "Explain the rejected task number " + k + ".");
        // The line as the dead-letter path writes it (Records.rejection).
        rejected.add(
            Records.rejection(
                new Rejection(sr[0], sr[1], "fixture " + sr[1] + " " + k, Records.toJson(task))));
      }
    }
    writeLines(dir.resolve("rejected.jsonl"), rejected, gson);
    int failedRequests = 2;
    int failedResponses = 3;
    List<JsonObject> failed = new ArrayList<>();
    for (int k = 0; k < failedRequests + failedResponses; k++) {
      boolean req = k < failedRequests;
      // The line as the dead-letter path writes it (Records.failure).
      failed.add(
          Records.failure(
              new Failure(
                  req ? "instructions" : "responses",
                  "{}",
                  req ? "HTTP 500 from the chat endpoint" : "HTTP 429 after retries",
                  true,
                  req ? 500 : 429,
                  5,
                  req ? FailureKind.SERVER_ERROR : FailureKind.RATE_LIMITED)));
    }
    writeLines(dir.resolve("failed.jsonl"), failed, gson);

    int parseFilter = sum(reasons, "parse", "filter");
    int dedup = sum(reasons, "dedup", "decontaminate");
    int after = sum(reasons, "response_filter", "target");
    int answered = accepted + after;
    int unique = answered + failedResponses;
    int passed = unique + dedup;
    int generated = passed + parseFilter;
    int requests = (generated + 11) / 12 + failedRequests;

    // summary.json from these records through the production code (Summary.build/complete): token
    // usage per completion (the instruction completions' items add up to the generated tasks; 3 of
    // them from the journal) and the state after each of 3 rounds.
    List<String> usage = new ArrayList<>();
    int completions = requests - failedRequests;
    for (int k = 0; k < completions; k++) {
      int items = generated / completions + (k < generated % completions ? 1 : 0);
      usage.add(
          Records.GSON.toJson(
              new Usage("instructions", "gpt-4", 1350, 1900, k < 3, 1, items, null, 0)));
    }
    for (int k = 0; k < answered; k++) {
      usage.add(
          Records.GSON.toJson(
              new Usage("responses", "gpt-3.5-turbo", 180, 260, false, 1, 1, null, 0)));
    }
    int[] perRound = new int[3];
    records.forEach(r -> perRound[r.get("round").getAsInt() - 1]++);
    List<String> rounds = new ArrayList<>();
    RoundState state = RoundState.initial(accepted);
    for (int k = 0; k < 3; k++) {
      int roundRequests = k < 2 ? requests / 3 : requests - 2 * (requests / 3);
      state = state.after(k + 1, roundRequests, perRound[k], 0);
      rounds.add(SummaryFixtures.roundLine(state));
    }
    SummaryContext context =
        new SummaryContext(
            "generate",
            5,
            42,
            "gpt-4",
            "gpt-3.5-turbo",
            12,
            REQUESTED_FORMATS,
            null,
            0,
            "medinstruct",
            "openai",
            accepted,
            null,
            null,
            null,
            false);
    JsonObject http = new JsonObject();
    http.addProperty("requests_sent", requests + unique + 40);
    http.addProperty("retries", 40);
    http.addProperty("http_429", 31);
    http.addProperty("failures", failedRequests + failedResponses);
    http.addProperty("cache_hits", 3);
    JsonObject stage = new JsonObject();
    stage.addProperty("instructions", 1710.2);
    stage.addProperty("dedup", 12.8);
    stage.addProperty("responses", 1101.5);
    stage.addProperty("write", 2.1);
    long started = java.time.Instant.parse("2026-11-25T18:00:00Z").toEpochMilli();
    JsonObject s =
        SummaryFixtures.summary(
            context,
            accepted,
            lines(records, gson),
            lines(rejected, gson),
            lines(failed, gson),
            usage,
            rounds,
            started,
            started + 2_832_400,
            http,
            stage);
    Files.writeString(dir.resolve("summary.json"), gson.toJson(s), StandardCharsets.UTF_8);
  }

  /**
   * A templated instruction whose ROUGE-L to every earlier one is at most 0.7, as the pipeline's
   * dedup guarantees; verbs follow a skewed (Zipf-like) distribution, about 1 in 12 is a question.
   */
  private static String uniqueInstruction(Random rnd, List<JsonObject> earlier) {
    String best = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      String cond = CONDITIONS[rnd.nextInt(CONDITIONS.length)];
      String noun = NOUNS[rnd.nextInt(NOUNS.length)];
      String tail = WHO[rnd.nextInt(WHO.length)] + HOW[rnd.nextInt(HOW.length)];
      String candidate =
          rnd.nextInt(12) == 0
              ? "What are the " + noun + " of " + cond + tail + "?"
              : VERBS[(int) (VERBS.length * Math.pow(rnd.nextDouble(), 1.8))]
                  + " the "
                  + noun
                  + " of "
                  + cond
                  + tail
                  + ".";
      best = candidate;
      boolean unique = true;
      for (JsonObject e : earlier) {
        if (RougeL.score(e.get("instruction").getAsString(), candidate) > 0.7) {
          unique = false;
          break;
        }
      }
      if (unique) {
        return candidate;
      }
    }
    return best;
  }

  /** Exactly {@code n} type labels following {@link #TYPE_PLAN}; remainder goes to "Open Q&A". */
  static List<String> typeList(int n) {
    List<String> out = new ArrayList<>();
    for (var e : TYPE_PLAN.entrySet()) {
      for (int k = 0; k < n * e.getValue() / 1000; k++) {
        out.add(e.getKey());
      }
    }
    while (out.size() < n) {
      out.add("Open Q&A");
    }
    java.util.Collections.shuffle(out, new Random(7));
    return out;
  }

  private static int sum(Map<String, Integer> reasons, String... stages) {
    int s = 0;
    for (var e : reasons.entrySet()) {
      for (String st : stages) {
        if (e.getKey().startsWith(st + "/")) {
          s += e.getValue();
        }
      }
    }
    return s;
  }

  private static String text(Random rnd, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
    }
    return b.append('.').toString();
  }

  private static List<String> lines(List<JsonObject> objects, Gson gson) {
    List<String> out = new ArrayList<>();
    objects.forEach(o -> out.add(gson.toJson(o)));
    return out;
  }

  private static void writeLines(Path file, List<JsonObject> lines, Gson gson) throws IOException {
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(gson.toJson(l)).append('\n'));
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    write(dir, args.length > 1 ? Integer.parseInt(args[1]) : 1500, 42);
    long t = System.nanoTime();
    Path report = ReportWriter.write(dir);
    System.out.printf("wrote %s in %.2f s%n", report, (System.nanoTime() - t) / 1e9);
  }
}
