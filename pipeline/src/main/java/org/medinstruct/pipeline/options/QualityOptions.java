package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Task filter and similarity settings. */
@Description("Dedup and decontamination")
public interface QualityOptions extends TaskFilterOptions {
  @Description(
      "greedy (keep-first against seeds and earlier kept tasks) or drop-all (AlpaCare filter.py).")
  @Default.String("greedy")
  String getDedupPolicy();

  void setDedupPolicy(String value);

  @Description("ROUGE-L F above which two instructions are near-duplicates.")
  @Default.Double(0.7)
  double getDedupThreshold();

  void setDedupThreshold(double value);

  @Description(
      "Evaluation sets (JSON/JSONL with instruction or question fields) to keep out of the data,"
          + " comma-separated.")
  String getDecontaminate();

  void setDecontaminate(String value);

  @Description("ROUGE-L F above which an instruction counts as leaked from an evaluation set.")
  @Default.Double(0.7)
  double getDecontaminationThreshold();

  void setDecontaminationThreshold(double value);
}
