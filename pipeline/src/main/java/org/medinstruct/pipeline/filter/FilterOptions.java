package org.medinstruct.pipeline.filter;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;
import org.medinstruct.pipeline.options.TaskFilterOptions;

/**
 * Options of the {@code filter} command: a task file in, a directory out, the task filter's
 * options.
 */
@Description("Filter input and output")
public interface FilterOptions extends TaskFilterOptions {
  @Description(
      "Task file: a JSON array (AlpaCare's med_seed.json layout) or JSONL of task objects.")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("Directory for kept.jsonl and rejected.jsonl.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);
}
