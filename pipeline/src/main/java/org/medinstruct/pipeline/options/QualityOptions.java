package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Task filter and similarity settings. */
@Description("Task filters, dedup and decontamination")
public interface QualityOptions extends PipelineOptions {
  @Description("Inputs, when present, need at least this many words.")
  @Default.Integer(50)
  int getMinInputWords();

  void setMinInputWords(int value);

  @Description("Inputs, when present, need at most this many words.")
  @Default.Integer(200)
  int getMaxInputWords();

  void setMaxInputWords(int value);

  @Description("greedy (keep-first against seeds and earlier kept tasks) or drop-all (AlpaCare filter.py).")
  @Default.String("greedy")
  String getDedupPolicy();

  void setDedupPolicy(String value);

  @Description("ROUGE-L F above which two instructions are near-duplicates.")
  @Default.Double(0.7)
  double getDedupThreshold();

  void setDedupThreshold(double value);

  @Description("Evaluation sets (JSON/JSONL with instruction or question fields) to keep out of the data, comma-separated.")
  String getDecontaminate();

  void setDecontaminate(String value);

  @Description("ROUGE-L F above which an instruction counts as leaked from an evaluation set.")
  @Default.Double(0.7)
  double getDecontaminationThreshold();

  void setDecontaminationThreshold(double value);
}
