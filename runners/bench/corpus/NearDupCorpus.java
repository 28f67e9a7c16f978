import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A benchmark corpus for the dedup command (not a test, not shipped in the pipeline): N
 * medical-style instructions as JSONL ({"id", "instruction", "input"}), written independently of
 * the project's own SyntheticInstructions. Dense near-duplicate families: each base instruction
 * gets 0-40 variants (geometric), each made from the base or from an earlier variant (chains, so
 * the greedy order matters) by substitutions, insertions, deletions and swaps sized so that most
 * pairs land between ROUGE-L 0.55 and 0.85, i.e. around the 0.7 boundary. Unicode traps: dotted
 * capital I (U+0130) and the Kelvin sign (U+212A), which lowercase into ASCII; accented letters,
 * ligatures, full-width digits, no-break and zero-width spaces, and punctuation-only differences,
 * which do not. Families are shuffled through the file.
 *
 * <p>{@code --shape=long} (default short) makes a differently shaped corpus: texts of 2-4 base
 * sentences behind one of three shared boilerplate openings (about 40-110 tokens, many tokens
 * shared by all records), families of 1-8 (uniform) plus one family in 200 with 100-400 variants.
 *
 * <p>Run: {@code java runners/bench/corpus/NearDupCorpus.java --n=1000000 --seed=7 --out=FILE
 * [--shape=long]}
 */
public final class NearDupCorpus {
  static final String[] VERBS = {"Explain", "Describe", "Summarize", "List", "Outline", "Compare",
      "Discuss", "Identify", "Evaluate", "Recommend", "Clarify", "Interpret", "Assess",
      "Review", "Detail", "Justify", "Differentiate", "Propose", "Analyze", "Rank"};
  static final String[] CONDITIONS = {"type 2 diabetes", "atrial fibrillation", "community"
      + " acquired pneumonia", "chronic kidney disease", "heart failure with reduced ejection"
      + " fraction", "migraine with aura", "rheumatoid arthritis", "iron deficiency anemia",
      "hypothyroidism", "COPD exacerbation", "acute pancreatitis", "sepsis", "asthma",
      "deep vein thrombosis", "pulmonary embolism", "ischemic stroke", "Crohn's disease",
      "ulcerative colitis", "gout", "osteoporosis", "major depressive disorder",
      "generalized anxiety disorder", "bipolar disorder", "schizophrenia", "Parkinson's disease",
      "multiple sclerosis", "epilepsy", "hepatitis C", "cirrhosis", "peptic ulcer disease",
      "urinary tract infection", "pyelonephritis", "benign prostatic hyperplasia",
      "preeclampsia", "gestational diabetes", "neonatal jaundice", "bronchiolitis",
      "otitis media", "celiac disease", "psoriasis", "atopic dermatitis", "melanoma",
      "breast cancer", "colorectal cancer", "lung adenocarcinoma", "lymphoma", "leukemia",
      "sickle cell disease", "hemophilia A", "Cushing's syndrome", "Addison's disease",
      "hyperkalemia", "hyponatremia", "diabetic ketoacidosis", "anaphylaxis", "Lyme disease",
      "tuberculosis", "HIV infection", "endometriosis", "polycystic ovary syndrome"};
  static final String[] DRUGS = {"metformin", "apixaban", "warfarin", "amoxicillin",
      "ceftriaxone", "furosemide", "lisinopril", "metoprolol", "atorvastatin", "insulin glargine",
      "levothyroxine", "prednisone", "methotrexate", "adalimumab", "sertraline", "lithium",
      "valproate", "levetiracetam", "omeprazole", "ondansetron", "morphine", "ibuprofen",
      "acetaminophen", "heparin", "enoxaparin", "albuterol", "tiotropium", "allopurinol",
      "alendronate", "tamsulosin", "nitrofurantoin", "vancomycin", "piperacillin-tazobactam",
      "spironolactone", "empagliflozin", "semaglutide", "clopidogrel", "digoxin", "amiodarone"};
  static final String[] WHO = {"a 45-year-old man", "a 72-year-old woman", "a pregnant patient",
      "a child of 6 years", "an elderly patient with dementia", "a college athlete",
      "a patient on dialysis", "a newly diagnosed adolescent", "a nursing home resident",
      "a patient with limited health literacy", "a postoperative patient", "an infant",
      "a patient who speaks little English", "a 30-year-old smoker", "a frail 88-year-old"};
  static final String[] AUDIENCE = {"for a medical student", "for a nurse", "for a caregiver",
      "for a pharmacist", "in plain language", "for a junior doctor", "for the patient's family",
      "in three short bullet points", "in under 100 words", "as a clinical vignette",
      "for an emergency physician", "with references to current guidelines"};
  static final String[] ASPECTS = {"first-line treatment", "diagnostic criteria",
      "common complications", "warning signs", "risk factors", "monitoring plan",
      "differential diagnosis", "lifestyle advice", "dose adjustment", "contraindications",
      "follow-up schedule", "red flag symptoms", "pathophysiology", "screening",
      "prognosis", "drug interactions", "side effects", "referral criteria"};
  static final String[] FILLER = {"briefly", "clearly", "carefully", "step by step", "please",
      "in detail", "concisely", "with examples", "using evidence", "today", "again", "also",
      "typically", "usually", "specifically", "overall", "main", "key", "most important",
      "the", "a", "of", "and", "for", "with", "in", "to", "on", "when", "how", "why", "what"};
  static final String[][] SYN = {{"explain", "describe", "clarify", "outline"},
      {"patient", "person", "individual", "client"}, {"treatment", "therapy", "management"},
      {"symptoms", "signs", "manifestations"}, {"common", "frequent", "typical"},
      {"risk", "danger", "hazard"}, {"doctor", "physician", "clinician"},
      {"medication", "drug", "medicine"}, {"woman", "female", "lady"}, {"man", "male"}};
  /** Unicode traps: some lowercase into ASCII (same tokens), some split or drop tokens. */
  static final String[][] TRAPS = {{"i", "\u0130"}, {"k", "\u212A"}, {"e", "\u00e9"},
      {"fi", "\ufb01"}, {"0", "\uff10"}, {"1", "\uff11"}, {" ", "\u00a0"}, {" ", " \u200b"},
      {"a", "\u00e1"}, {"ss", "\u00df"}, {"o", "\u00f6"}, {"-", "\u2011"}};

  public static void main(String[] args) throws IOException {
    long n = 1_000_000;
    long seed = 7;
    String out = "neardup.jsonl";
    boolean longShape = false;
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      switch (kv[0]) {
        case "n" -> n = Long.parseLong(kv[1].replace("_", ""));
        case "seed" -> seed = Long.parseLong(kv[1]);
        case "out" -> out = kv[1];
        case "shape" -> longShape = switch (kv[1]) {
          case "long" -> true;
          case "short" -> false;
          default -> throw new IllegalArgumentException("--shape=short|long, not " + kv[1]);
        };
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    Random rnd = new Random(seed);
    List<String> all = new ArrayList<>((int) n);
    long families = 0;
    while (all.size() < n) {
      families++;
      List<String> family = new ArrayList<>();
      family.add(longShape ? longBase(rnd) : base(rnd));
      int variants = longShape ? longVariants(rnd)
          : rnd.nextDouble() < 0.35 ? 0 : Math.min(40, geometric(rnd, 0.28));
      for (int v = 0; v < variants && all.size() + family.size() < n; v++) {
        // Chains: a variant of a variant drifts away from the base.
        String parent = family.get(rnd.nextDouble() < 0.6 ? 0 : rnd.nextInt(family.size()));
        family.add(variant(rnd, parent));
      }
      all.addAll(family);
    }
    while (all.size() > n) {
      all.remove(all.size() - 1);
    }
    // Shuffle so families are spread through the file (greedy order = file order).
    for (int i = all.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      String t = all.get(i);
      all.set(i, all.get(j));
      all.set(j, t);
    }
    try (BufferedWriter w = Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
      for (int i = 0; i < all.size(); i++) {
        w.write("{\"id\":\"nd-" + i + "\",\"instruction\":" + json(all.get(i))
            + ",\"input\":\"<noinput>\"}\n");
      }
    }
    System.out.printf("wrote %d instructions in %d families to %s (%d MB)%n", all.size(),
        families, out, Files.size(Path.of(out)) >> 20);
  }

  /** --shape=long: a shared clinical boilerplate and 2-4 base sentences (about 40-110 tokens). */
  static String longBase(Random rnd) {
    StringBuilder b = new StringBuilder(pick(rnd, BOILERPLATE));
    for (int k = 0, parts = 2 + rnd.nextInt(3); k < parts; k++) {
      b.append(' ').append(base(rnd));
    }
    return b.toString();
  }

  /** --shape=long: family sizes 1-8 uniform, and one family in 200 with 100-400 variants. */
  static int longVariants(Random rnd) {
    return rnd.nextDouble() < 0.005 ? 100 + rnd.nextInt(301) : rnd.nextInt(8);
  }

  static final String[] BOILERPLATE = {
      "You are a careful clinical assistant; answer the following question for the care team.",
      "Using current evidence-based guidelines and your knowledge of clinical medicine, respond to"
          + " the following request.",
      "Read the scenario below and answer it as a board-certified physician would, citing the key"
          + " reasoning steps."};

  static int geometric(Random rnd, double p) {
    int k = 1;
    while (rnd.nextDouble() > p) {
      k++;
    }
    return k;
  }

  static String pick(Random rnd, String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  static String base(Random rnd) {
    String c = pick(rnd, CONDITIONS), d = pick(rnd, DRUGS), who = pick(rnd, WHO),
        aud = pick(rnd, AUDIENCE), asp = pick(rnd, ASPECTS), v = pick(rnd, VERBS);
    int num = 1 + rnd.nextInt(12);
    String s = switch (rnd.nextInt(9)) {
      case 0 -> v + " the " + asp + " of " + c + " in " + who + " " + aud + ".";
      case 1 -> "A clinician asks about " + d + " for " + c + ". " + v + " the " + asp
          + " and when to stop it " + aud + ".";
      case 2 -> "What are the " + num + " most important " + asp + " to consider when " + who
          + " presents with " + c + "?";
      case 3 -> v + " how " + d + " works, its " + asp + ", and what " + who
          + " should be told before starting it.";
      case 4 -> "Write a short patient handout on " + c + " covering " + asp + " and "
          + pick(rnd, ASPECTS) + " " + aud + ".";
      case 5 -> "Given " + who + " with " + c + " taking " + d + ", " + v.toLowerCase()
          + " the " + asp + " you would check at the next visit.";
      case 6 -> "True or false: " + d + " is the " + asp + " for " + c + " in " + who
          + ". Justify the answer " + aud + ".";
      case 7 -> "Create a multiple-choice question with " + (3 + rnd.nextInt(3))
          + " options about the " + asp + " of " + c + " " + aud + ".";
      default -> v + " the difference between " + c + " and " + pick(rnd, CONDITIONS)
          + " regarding " + asp + " in " + who + ".";
    };
    // Some bases are long (two sentences), as real instructions are.
    if (rnd.nextDouble() < 0.25) {
      s += " Also mention the " + pick(rnd, ASPECTS) + " of " + pick(rnd, DRUGS) + " "
          + pick(rnd, AUDIENCE) + ".";
    }
    return rnd.nextDouble() < 0.08 ? trap(rnd, s) : s;
  }

  /** An edited copy whose ROUGE-L F to the parent is mostly between about 0.55 and 0.85. */
  static String variant(Random rnd, String parent) {
    List<String> w = new ArrayList<>(Arrays.asList(parent.split(" ")));
    int len = w.size();
    double rate = 0.05 + rnd.nextDouble() * 0.30;
    int edits = Math.max(1, (int) Math.round(len * rate));
    for (int e = 0; e < edits && !w.isEmpty(); e++) {
      int i = rnd.nextInt(w.size());
      switch (rnd.nextInt(6)) {
        case 0, 1 -> w.set(i, synonym(rnd, w.get(i)));
        case 2 -> w.add(i, pick(rnd, FILLER));
        case 3 -> {
          if (w.size() > 4) {
            w.remove(i);
          }
        }
        case 4 -> {
          int j = rnd.nextInt(w.size());
          String t = w.get(i);
          w.set(i, w.get(j));
          w.set(j, t);
        }
        default -> w.set(i, rnd.nextBoolean() ? w.get(i).toUpperCase()
            : w.get(i) + (rnd.nextBoolean() ? "," : ";")); // same tokens
      }
    }
    String s = String.join(" ", w);
    return rnd.nextDouble() < 0.15 ? trap(rnd, s) : s;
  }

  static String synonym(Random rnd, String word) {
    String lw = word.toLowerCase().replaceAll("[^a-z]", "");
    for (String[] group : SYN) {
      for (String g : group) {
        if (g.equals(lw)) {
          return group[rnd.nextInt(group.length)];
        }
      }
    }
    String[] pool = rnd.nextBoolean() ? FILLER : ASPECTS[rnd.nextInt(ASPECTS.length)].split(" ");
    return pool[rnd.nextInt(pool.length)];
  }

  static String trap(Random rnd, String s) {
    String[] t = TRAPS[rnd.nextInt(TRAPS.length)];
    int at = s.indexOf(t[0], rnd.nextInt(Math.max(1, s.length())));
    if (at < 0) {
      at = s.indexOf(t[0]);
    }
    return at < 0 ? s : s.substring(0, at) + t[1] + s.substring(at + t[0].length());
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
