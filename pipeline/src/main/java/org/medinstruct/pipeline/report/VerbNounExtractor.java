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
 * the first token tagged VERB is the root verb; the first NOUN after it, before any other VERB, AUX,
 * SCONJ or clause punctuation, is its object (the last of a run of nouns, the head of a compound: "the discharge note" gives
 * "note"). A VERB right after a determiner or adjective ("the
 * given symptoms", "the following note") counts as a noun modifier, not a verb. The first word is
 * tagged in lower case, since capitalised imperatives are otherwise often tagged as proper nouns. An instruction fits the pattern when both are found.
 * Words are lower-cased; the verb is not lemmatised (instructions are imperatives, already base
 * forms). Models load once per JVM; safe to call from several threads.
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
    String head = instruction.length() > MAX_CHARS ? instruction.substring(0, MAX_CHARS) : instruction;
    String[] sents = sentences.get().sentDetect(head.strip());
    String first = sents.length == 0 ? instruction.strip() : sents[0];
    String[] tokens = tokenizer.get().tokenize(first);
    if (tokens.length == 0) {
      return null;
    }
    // Capitalised imperatives ("Write ...") are often tagged PROPN; tag the sentence-initial word
    // in lower case, as it would appear mid-sentence.
    String[] forTagging = tokens.clone();
    forTagging[0] = lower(tokens[0]);
    String[] tags = tagger.get().tag(forTagging);
    int v = 0;
    while (v < tags.length && !(tags[v].equals("VERB") && !modifier(tags, v))) {
      v++;
    }
    if (v == tags.length) {
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

  /** A participle after a determiner or adjective ("the given case") modifies a noun. */
  private static boolean modifier(String[] tags, int i) {
    return tags[i].equals("VERB") && i > 0 && (tags[i - 1].equals("DET") || tags[i - 1].equals("ADJ"));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Opens a model file shipped at the root of its model jar (names change with the version). */
  private static InputStream open(String file) {
    InputStream model = VerbNounExtractor.class.getClassLoader().getResourceAsStream(file);
    if (model == null) {
      throw new IllegalStateException(
          "OpenNLP model " + file + " is not on the classpath (opennlp-models-*-en 1.3.0, see"
              + " pipeline/pom.xml)");
    }
    return model;
  }
}
