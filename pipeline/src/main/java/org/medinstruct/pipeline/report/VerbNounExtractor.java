package org.medinstruct.pipeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * Root verb and its noun object of an instruction, for the Self-Instruct/AlpaCare verb-noun chart.
 *
 * <p>Input: instruction text. Output: a {@link VerbNoun} or null. There is no English dependency
 * parser among Apache OpenNLP's served models, so this uses the English UD-EWT sentence, token and
 * POS models (Maven artifacts {@code opennlp-models-*-en} 1.3.0) and a rule: in the first sentence,
 * the first token tagged VERB is the root verb; the first NOUN after it, before any other VERB,
 * AUX, SCONJ or clause punctuation, is its object (the last of a run of nouns, the head of a
 * compound: "the discharge note" gives "note"). A VERB right after a determiner or adjective ("the
 * given symptoms", "the following note") counts as a noun modifier, not a verb. An introductory
 * phrase up to the first comma is skipped when the sentence does not open with a base-form verb
 * ("Given the history, explain ..." gives "explain", not "given"; "Based on ..., provide ..." gives
 * "provide"), and a first sentence that only states context ("You've been prescribed X. Ask ...")
 * is skipped. The first word is tagged in lower case, since capitalised imperatives are otherwise
 * often tagged as proper nouns. An instruction fits the pattern when both are found. Words are
 * lower-cased; the verb is not lemmatised (instructions are imperatives, already base forms).
 * Models load once per JVM; safe to call from several threads.
 */
public final class VerbNounExtractor {
  /** A root verb and its object noun, both lower case. */
  public record VerbNoun(String verb, String noun) {}

  /** Only the first this many characters of an instruction are read (time linear in the input). */
  static final int MAX_CHARS = 1_000;

  private static final Set<String> STOP_TAGS = Set.of("VERB", "AUX", "SCONJ");
  private static final Set<String> CLAUSE_PUNCT = Set.of(".", ":", ";", "?", "!");

  private static volatile VerbNounExtractor instance;

  private final SentenceModel sentenceModel;
  private final TokenizerModel tokenizerModel;
  private final POSModel posModel;
  // Models are thread-safe, the *ME classes are not: one set per thread.
  private final ThreadLocal<SentenceDetectorME> sentences;
  private final ThreadLocal<TokenizerME> tokenizer;
  private final ThreadLocal<POSTaggerME> tagger;

  private VerbNounExtractor() {
    try (InputStream s = open("opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin");
        InputStream t = open("opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin");
        InputStream p = open("opennlp-en-ud-ewt-pos-1.3-2.5.4.bin")) {
      sentenceModel = new SentenceModel(s);
      tokenizerModel = new TokenizerModel(t);
      posModel = new POSModel(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the OpenNLP English models", e);
    }
    sentences = ThreadLocal.withInitial(() -> new SentenceDetectorME(sentenceModel));
    tokenizer = ThreadLocal.withInitial(() -> new TokenizerME(tokenizerModel));
    tagger = ThreadLocal.withInitial(() -> new POSTaggerME(posModel));
  }

  /** The shared instance; the first call loads the three models (well under a second). */
  public static VerbNounExtractor get() {
    VerbNounExtractor local = instance;
    if (local == null) {
      synchronized (VerbNounExtractor.class) {
        local = instance;
        if (local == null) {
          instance = local = new VerbNounExtractor();
        }
      }
    }
    return local;
  }

  public VerbNoun extract(String instruction) {
    if (instruction == null || instruction.isBlank()) {
      return null;
    }
    // The verb and its object sit in the first words; tagging a 5 MB "sentence" took minutes.
    String head =
        instruction.length() > MAX_CHARS ? instruction.substring(0, MAX_CHARS) : instruction;
    String[] sents = sentences.get().sentDetect(head.strip());
    if (sents.length == 0) {
      sents = new String[] {head.strip()};
    }
    // A first sentence that only sets the scene ("You've been prescribed X.") is skipped.
    int s = 0;
    // (Tagging is most of the report's time: a sentence is tagged plainly only when it could be
    // such a scene-setter and another sentence follows.)
    String[] tokens = tokenizer.get().tokenize(sents[0]);
    while (s + 1 < sents.length && context(tokens)) {
      s++;
      tokens = tokenizer.get().tokenize(sents[s]);
    }
    if (tokens.length == 0) {
      return null;
    }
    // Tag as a request: imperatives are tagged far more reliably after "please".
    String[] tags = tagRequest(tokens, 0);
    int start = introEnd(tokens, tags);
    if (start > 0) {
      String[] clause = tagRequest(tokens, start);
      System.arraycopy(clause, start, tags, start, tags.length - start);
    }
    int v = rootVerb(tokens, tags, start);
    if (v < 0) {
      return null;
    }
    for (int i = v + 1; i < tags.length; i++) {
      if (tags[i].equals("NOUN")) {
        while (i + 1 < tags.length && tags[i + 1].equals("NOUN")) {
          i++; // head of a compound: "discharge note" -> note
        }
        return new VerbNoun(lower(tokens[v]), lower(tokens[i]));
      }
      boolean stop = STOP_TAGS.contains(tags[i]) && !modifier(tags, i);
      if (stop || CLAUSE_PUNCT.contains(tokens[i])) {
        break;
      }
    }
    return new VerbNoun(lower(tokens[v]), null);
  }

  /**
   * POS tags of a sentence. Capitalised imperatives ("Write ...") are often tagged PROPN, so the
   * sentence-initial word is tagged in lower case, as it would appear mid-sentence.
   */
  private String[] tag(String[] tokens) {
    if (tokens.length == 0) {
      return new String[0];
    }
    String[] forTagging = tokens.clone();
    forTagging[0] = lower(tokens[0]);
    return tagger.get().tag(forTagging);
  }

  /**
   * Tags of {@code tokens}, those from {@code from} on tagged as a request of their own: "please"
   * and the clause, its first word in lower case. Positions before {@code from} are "X".
   */
  private String[] tagRequest(String[] tokens, int from) {
    String[] clause = new String[tokens.length - from + 1];
    clause[0] = "please";
    System.arraycopy(tokens, from, clause, 1, tokens.length - from);
    clause[1] = lower(clause[1]);
    String[] tagged = tagger.get().tag(clause);
    String[] tags = new String[tokens.length];
    java.util.Arrays.fill(tags, 0, from, "X");
    System.arraycopy(tagged, 1, tags, from, tokens.length - from);
    return tags;
  }

  /** The first VERB at or after {@code from} that is not a noun modifier, else -1. */
  private static int rootVerb(String[] tokens, String[] tags, int from) {
    for (int v = from; v < tags.length; v++) {
      if (tags[v].equals("VERB") && !modifier(tags, v)) {
        return v;
      }
    }
    // The introductory phrase held the only verb: fall back to the whole sentence.
    for (int v = 0; v < from && v < tags.length; v++) {
      if (tags[v].equals("VERB") && !modifier(tags, v)) {
        return v;
      }
    }
    return -1;
  }

  /**
   * Where the main clause starts: after the first comma when the sentence opens with an
   * introductory phrase ("Given the history, explain ...", "Based on these symptoms, provide ...",
   * "As a student seeking advice, engage ...") and a verb follows the comma; else 0. An opening
   * phrase is one whose first word is not a base-form verb: a participle (-ed, -ing, or a known
   * irregular participle such as "given"), a preposition or subordinator, or anything else that is
   * not an imperative.
   */
  private static int introEnd(String[] tokens, String[] tags) {
    boolean imperative = tags[0].equals("VERB") && !participle(tokens[0]);
    if (imperative) {
      return 0;
    }
    for (int i = 1; i < tokens.length; i++) {
      if (tokens[i].equals(",")) {
        for (int j = i + 1; j < tags.length; j++) {
          if (tags[j].equals("VERB")) {
            return i + 1;
          }
        }
        return 0;
      }
    }
    return 0;
  }

  /** A sentence that states context: a subject first, ending in a full stop, not a request. */
  private boolean context(String[] tokens) {
    if (tokens.length < 2 || !tokens[tokens.length - 1].equals(".")) {
      return false;
    }
    String[] tags = tag(tokens);
    // A subject pronoun or a determiner first ("You have ...", "The patient is ..."); a noun could
    // be a mis-tagged imperative, so it does not count.
    return tags[0].startsWith("PRON") || tags[0].startsWith("DET");
  }

  private static final Set<String> IRREGULAR_PARTICIPLES =
      Set.of(
          "given",
          "taken",
          "written",
          "shown",
          "known",
          "seen",
          "chosen",
          "done",
          "made",
          "told",
          "found",
          "based",
          "drawn",
          "driven",
          "held",
          "kept",
          "left",
          "put",
          "read",
          "set",
          "provided",
          "following",
          "according",
          "regarding",
          "concerning",
          "considering",
          "using",
          "taking",
          "having",
          "being",
          "noting");

  private static boolean participle(String word) {
    String w = lower(word);
    return IRREGULAR_PARTICIPLES.contains(w)
        || (w.endsWith("ing") && w.length() > 5)
        || (w.endsWith("ed") && w.length() > 4 && !w.endsWith("eed"));
  }

  /** A participle after a determiner or adjective ("the given case") modifies a noun. */
  private static boolean modifier(String[] tags, int i) {
    return tags[i].equals("VERB")
        && i > 0
        && (tags[i - 1].equals("DET") || tags[i - 1].equals("ADJ"));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Opens a model file shipped at the root of its model jar (names change with the version). */
  private static InputStream open(String file) {
    InputStream model = VerbNounExtractor.class.getClassLoader().getResourceAsStream(file);
    if (model == null) {
      throw new IllegalStateException(
          "OpenNLP model "
              + file
              + " is not on the classpath (opennlp-models-*-en 1.3.0, see"
              + " pipeline/pom.xml)");
    }
    return model;
  }
}
