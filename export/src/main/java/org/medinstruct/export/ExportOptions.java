package org.medinstruct.export;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of {@code export}. */
@Description("Hugging Face export")
public interface ExportOptions extends PipelineOptions {
  @Description("A finished run's output directory (medinstruct.json and summary.json).")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description(
      "Directory to write: data/train-*.parquet and README.md (the dataset card); local or any Beam"
          + " FileSystems path.")
  @Validation.Required
  String getTo();

  void setTo(String value);

  @Description("Rows per Parquet shard.")
  @Default.Integer(100000)
  int getRowsPerShard();

  void setRowsPerShard(int value);
}
