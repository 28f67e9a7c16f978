package org.medinstruct.pipeline;

import java.util.List;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.MedTask;
import org.medinstruct.pipeline.options.GenerateOptions;

/**
 * The settings of one round of {@link MedInstruct#round}: the {@code generate} options (models,
 * prompts, filters, dedup, seed), the endpoint, and which generation requests the round sends.
 * Immutable; every {@code withX} returns a new config.
 *
 * <p>{@link #of} reads the prompt template and the evaluation sets named by the options, as {@code
 * generate} does, and plans a first round sized for {@code --targetInstructions} at {@code
 * --assumedYield}.
 */
public final class RoundConfig {
  private final GenerateOptions options;
  private final LlmSettings llm;
  private final String template;
  private final List<MedTask> evaluationItems;
  private final int round;
  private final long firstRequest;
  private final long requests;

  private RoundConfig(
      GenerateOptions options,
      LlmSettings llm,
      String template,
      List<MedTask> evaluationItems,
      int round,
      long firstRequest,
      long requests) {
    if (round < 1 || firstRequest < 0 || requests < 1) {
      throw new IllegalArgumentException(
          "a round needs round >= 1, firstRequest >= 0 and requests >= 1, got "
              + round
              + ", "
              + firstRequest
              + ", "
              + requests);
    }
    this.options = options;
    this.llm = llm;
    this.template = template;
    this.evaluationItems = List.copyOf(evaluationItems);
    this.round = round;
    this.firstRequest = firstRequest;
    this.requests = requests;
  }

  /** Round 1 of a run with these options against the endpoint {@code llm}. */
  public static RoundConfig of(GenerateOptions options, LlmSettings llm) {
    return of(
        options,
        llm,
        GenerateCommand.loadTemplate(options.getInstructionPromptFile()),
        GenerateCommand.evaluationItems(options.getDecontaminate()));
  }

  static RoundConfig of(
      GenerateOptions options, LlmSettings llm, String template, List<MedTask> evaluationItems) {
    long requests =
        RoundState.initial(options.getTargetInstructions())
            .plannedRequests(options.getTasksPerRequest() * options.getAssumedYield());
    return new RoundConfig(options, llm, template, evaluationItems, 1, 0, Math.max(1, requests));
  }

  /**
   * Round {@code round}, sending requests {@code firstRequest} .. {@code firstRequest + requests -
   * 1}. The request index alone fixes a request's seeds and its journal entry, so rounds that
   * continue the numbering never repeat a request.
   */
  public RoundConfig withRequests(int round, long firstRequest, long requests) {
    return new RoundConfig(options, llm, template, evaluationItems, round, firstRequest, requests);
  }

  public GenerateOptions options() {
    return options;
  }

  public LlmSettings llm() {
    return llm;
  }

  public String template() {
    return template;
  }

  /** Evaluation-set items no generated task may match (empty for none). */
  public List<MedTask> evaluationItems() {
    return evaluationItems;
  }

  public int round() {
    return round;
  }

  public long firstRequest() {
    return firstRequest;
  }

  public long requests() {
    return requests;
  }
}
