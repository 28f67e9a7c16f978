package org.medinstruct.sim;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Options of {@code simulate-llm}, for its {@code --help}. {@link SimulatorMain} parses them itself
 * into a {@link SimConfig} (it runs no pipeline); the defaults here are {@link
 * SimConfig#defaults()}, and {@code SimulatorMainTest} keeps the two in step.
 */
@Description("Simulated OpenAI-compatible endpoint (a test double for a paid API)")
public interface SimulateLlmOptions extends PipelineOptions {
  @Description("Port on 127.0.0.1; 0 picks a free one.")
  @Default.Integer(0)
  int getPort();

  void setPort(int value);

  @Description("Added latency per request, in milliseconds.")
  @Default.Long(0)
  long getLatencyMs();

  void setLatencyMs(long value);

  @Description("Uniform jitter added to the latency, in milliseconds.")
  @Default.Long(0)
  long getLatencyJitterMs();

  void setLatencyJitterMs(long value);

  @Description("Share of requests answered with a transient error (429/5xx/reset), in [0,1].")
  @Default.Double(0.0)
  double getFaultRate();

  void setFaultRate(double value);

  @Description("Requests per minute before 429s with x-ratelimit headers; 0 = no limit.")
  @Default.Integer(0)
  int getRequestsPerMinute();

  void setRequestsPerMinute(int value);

  @Description("Prompt + max_tokens above which a request gets a context-length error; 0 = none.")
  @Default.Integer(0)
  int getContextLimitTokens();

  void setContextLimitTokens(int value);

  @Description("Seed of the synthetic tasks and answers.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description(
      "Share of synthetic tasks and answers with a deliberate defect for the filters, in [0,1].")
  @Default.Double(SimConfig.DEFAULT_DEFECT_RATE)
  double getDefectRate();

  void setDefectRate(double value);

  @Description(
      "A lasting fault after the first --faultAfter chat requests, for fault tests: none, hang"
          + " (read, never answered), die (stop listening), unauthorized (401 on every path) or"
          + " garbage (200 with a body that is not a chat completion).")
  @Default.String("none")
  String getFault();

  void setFault(String value);

  @Description("Chat requests served normally before --fault starts.")
  @Default.Integer(0)
  int getFaultAfter();

  void setFaultAfter(int value);

  @Description(
      "Require the API key held in this environment variable (keys never go on a command line).")
  String getApiKeyEnv();

  void setApiKeyEnv(String value);

  @Description(
      "Answer every request that has a response_format with a 400 naming it, as an endpoint"
          + " without structured output does (tests the --structuredTasks fallback).")
  @Default.Boolean(false)
  boolean getRefuseResponseFormat();

  void setRefuseResponseFormat(boolean value);
}
