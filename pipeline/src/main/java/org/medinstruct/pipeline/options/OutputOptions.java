package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where a command writes its files. */
@Description("Output")
public interface OutputOptions extends PipelineOptions {
  @Description(
      "Output directory (local path or any Beam FileSystems path; shared storage on a multi-host"
          + " cluster). The dataset files are written atomically at the end of the run.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description(
      "Dataset formats, comma-separated: json (medinstruct.json and .jsonl, always written) and"
          + " parquet (adds data/train-*.parquet, Hugging Face layout, after a successful run;"
          + " needs the export module, which runners/medinstruct adds).")
  @Default.String("json")
  String getFormat();

  void setFormat(String value);
}
