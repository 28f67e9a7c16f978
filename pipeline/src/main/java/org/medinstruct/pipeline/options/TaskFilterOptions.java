package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.medinstruct.model.UserInputException;
import org.medinstruct.tasks.TaskFilter.FilterSettings;

/** Task filter settings, shared by {@code generate} and {@code filter}. */
@Description("Task filters")
public interface TaskFilterOptions extends PipelineOptions {
  @Description(
      "Task filter profile: default (the method's distribution: no input-length bounds, a USMLE"
          + " task needs an input) or strict (the prompt's 50-200-word inputs and USMLE inputs over"
          + " 50 words as filters).")
  @Default.String("default")
  String getFilterProfile();

  void setFilterProfile(String value);

  @Description(
      "Inputs, when present, need at least this many words. Default: the profile's (0 or 50).")
  Integer getMinInputWords();

  void setMinInputWords(Integer value);

  @Description(
      "Inputs, when present, need at most this many words; 0 = no bound. Default: the profile's.")
  Integer getMaxInputWords();

  void setMaxInputWords(Integer value);

  /** The filter settings these options describe; bad values are a {@link UserInputException}. */
  static FilterSettings filterSettings(TaskFilterOptions o) {
    try {
      return FilterSettings.of(o.getFilterProfile(), o.getMinInputWords(), o.getMaxInputWords());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          "--filterProfile/--minInputWords/--maxInputWords: " + e.getMessage());
    }
  }
}
