package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code generate}: the whole DAG. */
@Description("Generation (seeds, prompts, rounds, instruction model)")
public interface GenerateOptions
    extends OutputOptions, LlmOptions, ResponseOptions, QualityOptions, MethodOptions {
  @Description("Seed tasks (AlpaCare JSON array or JSONL). Default: the project's own seed set.")
  String getSeedTasks();

  void setSeedTasks(String value);

  @Description("Exact number of accepted instruction-response pairs to produce.")
  @Default.Integer(200)
  int getTargetInstructions();

  void setTargetInstructions(int value);

  @Description("Run seed: fixes every sampling choice per element.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description(
      "Generation rounds before giving up on the target; each round is its own job, sized from the"
          + " remaining deficit and the yield measured so far, so 2-3 rounds nearly always reach"
          + " it.")
  @Default.Integer(8)
  int getMaxRounds();

  void setMaxRounds(int value);

  @Description(
      "Most instruction requests one round sends; 0 = no cap (each round is sized from the"
          + " remaining deficit and the yield measured so far). A cap spreads a run over more,"
          + " smaller rounds (jobs), e.g. to bound what one job spends or to check many rounds.")
  @Default.Long(0)
  long getMaxRequestsPerRound();

  void setMaxRequestsPerRound(long value);

  @Description("Seed tasks sampled into each generation prompt.")
  @Default.Integer(3)
  int getSeedsPerPrompt();

  void setSeedsPerPrompt(int value);

  @Description("New tasks asked for per generation request.")
  @Default.Integer(12)
  int getTasksPerRequest();

  void setTasksPerRequest(int value);

  @Description(
      "Generation prompt template file (e.g. AlpaCare's original). Default: the project's own"
          + " wording.")
  String getInstructionPromptFile();

  void setInstructionPromptFile(String value);

  @Description("Model that writes new tasks.")
  @Default.String("gpt-4")
  String getInstructionModel();

  void setInstructionModel(String value);

  @Description(
      "Ask the instruction model for the tasks as JSON through response_format (a strict JSON"
          + " schema: an object with a tasks array of {instruction, input, type, topic, view,"
          + " difficulty}) and read them without text parsing. Models the models file marks"
          + " structured_output=false, and endpoints that answer 400 about response_format, get the"
          + " text prompt and parser (one warning).")
  @Default.Boolean(false)
  boolean getStructuredTasks();

  void setStructuredTasks(boolean value);

  @Description("max_tokens of a generation request.")
  @Default.Integer(3072)
  int getInstructionMaxTokens();

  void setInstructionMaxTokens(int value);

  @Description("Sampling temperature of the instruction model.")
  @Default.Double(1.0)
  double getInstructionTemperature();

  void setInstructionTemperature(double value);

  @Description("Presence penalty of the instruction model.")
  @Default.Double(1.5)
  double getInstructionPresencePenalty();

  void setInstructionPresencePenalty(double value);

  @Description(
      "Accepted pairs per generated task assumed before the first round has measured the yield;"
          + " later rounds use the measured yield.")
  @Default.Double(0.75)
  double getAssumedYield();

  void setAssumedYield(double value);

  @Description("Estimate requests, tokens and cost, then stop without sending anything.")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean value);
}
