package org.medinstruct.pipeline.dedup;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of the {@code dedup} command. */
@Description("Dedup")
public interface DedupOptions extends PipelineOptions {
  @Description("JSONL file of records with an \"instruction\" field; its order is the greedy order")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("Directory for kept.jsonl and dropped.jsonl")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  // The same default as generate's QualityOptions: Beam requires a property of registered option
  // interfaces to carry @Default on every interface that declares it.
  @Description("greedy (keep-first, Self-Instruct) or drop-all (AlpaCare filter.py)")
  @Default.String("greedy")
  String getDedupPolicy();

  void setDedupPolicy(String value);

  @Description(
      "Pool file (JSON array or JSONL, \"instruction\" or \"question\" field): items that"
          + " knock candidates out and are never output, e.g. the seed tasks")
  String getPool();

  void setPool(String value);

  // The same name, type and default as generate's QualityOptions: one option for one concept.
  @Description("ROUGE-L F above which two instructions are near-duplicates.")
  @Default.Double(0.7)
  double getDedupThreshold();

  void setDedupThreshold(double value);

  @Description(
      "auto (default: prefix on the Direct Runner when the input fits its heap, else distributed),"
          + " prefix (one worker, multi-threaded), distributed (similarity join spread over"
          + " workers, bounded memory per key, same decisions) or bruteforce (all pairs;"
          + " reference)")
  @Default.String("auto")
  String getDedupAlgorithm();

  void setDedupAlgorithm(String value);

  @Description(
      "distributed only: posting lists longer than this are split into record-hash"
          + " buckets, so no key compares more than about this squared pairs")
  @Default.Integer(2000)
  Integer getHotKeyBound();

  void setHotKeyBound(Integer value);

  @Description(
      "Comma-separated evaluation files (JSON array or JSONL); records with ROUGE-L F >"
          + " decontaminationThreshold against any of their items are dropped first")
  String getDecontaminate();

  void setDecontaminate(String value);

  @Description("ROUGE-L F above which a record counts as leaked from an evaluation set")
  @Default.Double(0.7)
  double getDecontaminationThreshold(); // double, as in QualityOptions: Beam composes registered

  // interfaces

  void setDecontaminationThreshold(double value);
}
