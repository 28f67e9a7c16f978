package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Which method {@code generate} runs and the prompt files it sends. */
@Description("Method and prompt files")
public interface MethodOptions extends PipelineOptions {
  @Description(
      "medinstruct (the project's method: filters, dedup per round, exactly --targetInstructions"
          + " pairs) or alpacare (AlpaCare's reference configuration verbatim: their prompts,"
          + " sampling, stop sequences and one drop-all dedup after all generation; reports the"
          + " size it reached, no exact size). alpacare needs the prompt files: --alpacareDir or"
          + " the three prompt-file options.")
  @Default.String("medinstruct")
  String getMethod();

  void setMethod(String value);

  @Description(
      "Directory holding AlpaCare's instruction_prompt.txt, generation_system_prompt.txt and"
          + " response_system_prompt.txt (CC BY-NC; not shipped), e.g. ../shared/data/alpacare."
          + " Individual files given by --instructionPromptFile, --systemPromptFile or"
          + " --responsePromptFile take precedence.")
  String getAlpacareDir();

  void setAlpacareDir(String value);

  @Description(
      "File whose text is sent as the system message of every generation request. Default: none"
          + " (alpacare: generation_system_prompt.txt).")
  String getSystemPromptFile();

  void setSystemPromptFile(String value);

  @Description(
      "alpacare only: generate this many times --targetInstructions tasks before the one drop-all"
          + " dedup, so that the survivors land near the target (e.g. 1/(1 - drop rate) of an"
          + " earlier run; summary.json reports the measured drop rate). 1 = generate exactly the"
          + " target.")
  @Default.Double(1.0)
  double getOverGenerate();

  void setOverGenerate(double value);
}
