package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of {@code respond}: answers for an existing JSONL of tasks. */
@Description("Input tasks")
public interface RespondOptions extends OutputOptions, LlmOptions, ResponseOptions {
  @Description(
      "JSONL of tasks with instruction and input fields (other fields are kept as provenance).")
  @Validation.Required
  String getInput();

  void setInput(String value);
}
