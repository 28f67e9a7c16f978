package org.medinstruct.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How to reach the OpenAI-compatible endpoint. The API key is never an option: it comes from the
 * environment variable OPENAI_API_KEY or from {@code --llmApiKeyFile}.
 */
@Description("LLM endpoint, rate limits, journal and budget")
public interface LlmOptions extends PipelineOptions {
  @Description(
      "Base URL of an OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or"
          + " http://127.0.0.1:8000/v1 (vLLM, Ollama, llama.cpp server). Without it and without a"
          + " key, the built-in simulated endpoint (a test double for a paid API) is started.")
  String getLlmBaseUrl();

  void setLlmBaseUrl(String value);

  @Description(
      "File holding the API key (first line). Otherwise the key comes from OPENAI_API_KEY.")
  String getLlmApiKeyFile();

  void setLlmApiKeyFile(String value);

  @Description("Allow plain http:// to a non-loopback host while an API key is set.")
  @Default.Boolean(false)
  boolean getAllowInsecureHttp();

  void setAllowInsecureHttp(boolean value);

  @Description(
      "Provider request limit for the whole pipeline (requests per minute); each of --llmWorkers"
          + " worker JVMs takes an equal share. 0 = automatic: 500 for a real endpoint, 6000 for"
          + " the built-in simulated endpoint.")
  @Default.Integer(0)
  int getRequestsPerMinute();

  void setRequestsPerMinute(int value);

  @Description("Provider token limit for the whole pipeline (tokens per minute); 0 = none.")
  @Default.Integer(0)
  int getTokensPerMinute();

  void setTokensPerMinute(int value);

  @Description("Requests in flight at once per worker JVM.")
  @Default.Integer(256)
  int getMaxInFlightRequests();

  void setMaxInFlightRequests(int value);

  @Description("Retries per request (429, 408, 409, 5xx, timeouts, resets) before it is failed.")
  @Default.Integer(8)
  int getMaxRetries();

  void setMaxRetries(int value);

  @Description("Timeout of one HTTP attempt, in seconds.")
  @Default.Integer(120)
  int getRequestTimeoutSeconds();

  void setRequestTimeoutSeconds(int value);

  @Description(
      "Journal of completed requests (local path or Beam FileSystems path): a rerun pays for no"
          + " journaled completion. Empty string disables it.")
  @Default.String(".medinstruct-cache")
  String getCacheDir();

  void setCacheDir(String value);

  @Description("Ignore journaled completions and call the endpoint again.")
  @Default.Boolean(false)
  boolean getRefreshCache();

  void setRefreshCache(boolean value);

  @Description("Stop sending new requests once this much (USD) is spent; 0 = no budget.")
  @Default.Double(0)
  double getMaxCostUsd();

  void setMaxCostUsd(double value);

  @Description(
      "JSON file of model prices (USD per 1M prompt and completion tokens) overriding the built-in"
          + " table.")
  String getPricesFile();

  void setPricesFile(String value);

  @Description(
      "JSON models file overriding the built-in one field by field: per model family the"
          + " token-limit parameter, accepted sampling parameters, online and batch prices, context"
          + " window, reasoning room and reasoning_effort (see README, 'Models and providers').")
  String getModelsFile();

  void setModelsFile(String value);

  @Description(
      "Azure OpenAI: the api-version query parameter added to every request, e.g. 2024-10-21.")
  String getLlmApiVersion();

  void setLlmApiVersion(String value);

  @Description(
      "How the API key is sent: bearer (Authorization: Bearer, OpenAI) or api-key (Azure OpenAI).")
  @Default.String("bearer")
  String getLlmAuthHeader();

  void setLlmAuthHeader(String value);

  @Description(
      "online (chat completions, default) or batch (OpenAI Batch API: half the price, results"
          + " within 24 h; batch ids are kept in --cacheDir so a restarted run re-attaches).")
  @Default.String("online")
  String getLlmMode();

  void setLlmMode(String value);

  @Description("Batch mode: requests per batch input file (OpenAI's limit: 50000).")
  @Default.Integer(50_000)
  int getBatchMaxRequests();

  void setBatchMaxRequests(int value);

  @Description("Batch mode: bytes per batch input file (OpenAI's limit: 200 MB).")
  @Default.Long(200L * 1024 * 1024)
  long getBatchMaxBytes();

  void setBatchMaxBytes(long value);

  @Description(
      "Batch mode: estimated tokens in batches in progress at once (your organization's"
          + " enqueued-token limit for the model); 0 = none.")
  @Default.Long(0)
  long getBatchMaxEnqueuedTokens();

  void setBatchMaxEnqueuedTokens(long value);

  @Description(
      "Batch mode: seconds between status checks of a batch in progress; 0 = 30 (1 for the built-in"
          + " simulated endpoint).")
  @Default.Double(0)
  double getBatchPollSeconds();

  void setBatchPollSeconds(double value);

  @Description(
      "Azure OpenAI: deployment=model-family pairs, comma separated (e.g. med-prod=gpt-4o-mini), so"
          + " that a deployment name used as --instructionModel/--responseModel gets its family's"
          + " parameters and prices.")
  String getLlmDeployments();

  void setLlmDeployments(String value);

  @Description(
      "Number of worker JVMs sharing the rate limits and the budget (each takes 1/N). Set it to"
          + " the number of TaskManagers on a cluster.")
  @Default.Integer(1)
  int getLlmWorkers();

  void setLlmWorkers(int value);

  @Description(
      "Total time one request may take across all its attempts and backoff sleeps, in seconds;"
          + " past it the request fails (and a rerun tries it again). 0 = the default, 600.")
  @Default.Integer(600)
  int getRequestDeadlineSeconds();

  void setRequestDeadlineSeconds(int value);

  @Description(
      "What journaled completions are keyed by: endpoint (default; the endpoint URL and the model,"
          + " because a model name only names a model within one provider) or model (the model"
          + " only, so the same provider behind another port or proxy reuses them).")
  @Default.String("endpoint")
  String getJournalScope();

  void setJournalScope(String value);

  @Description(
      "Largest prompt (estimated tokens, about 4 characters each) sent for one task; longer"
          + " tasks are rejected before any request with reason too_long. 0 = the model's context"
          + " window minus the completion's max tokens when the models file knows it, else 16000.")
  @Default.Long(0)
  long getMaxPromptTokens();

  void setMaxPromptTokens(long value);

  @Description(
      "Before the first paid request, check that the endpoint answers and accepts the key with one"
          + " cheap call: GET /models, or a 1-token completion when /models is 404. false skips"
          + " it.")
  @Default.Boolean(true)
  boolean getCheckEndpoint();

  void setCheckEndpoint(boolean value);

  @Hidden
  @Description(
      "Set by the launcher, never by hand: \"simulated\" when the built-in simulated endpoint"
          + " serves the run, else the endpoint's base URL without credentials. summary.json states"
          + " it.")
  String getEndpointLabel();

  void setEndpointLabel(String value);

  @Description(
      "Stop the whole run (exit 5, nothing written) after this many requests in a row fail the same"
          + " non-retryable way: 401/403 (the key), 404 (the model or URL), a 400 naming the model"
          + " or a parameter.")
  @Default.Integer(5)
  int getStopAfterSystemicFailures();

  void setStopAfterSystemicFailures(int value);

  @Description(
      "Circuit breaker: the number of recent requests (outcomes after retries) it looks at, per"
          + " worker JVM.")
  @Default.Integer(20)
  int getBreakerWindow();

  void setBreakerWindow(int value);

  @Description(
      "Circuit breaker: stop the whole run (exit 5) when this share of the last --breakerWindow"
          + " requests failed with 5xx, no response or a body that is not a completion after every"
          + " retry.")
  @Default.Double(0.5)
  double getBreakerFailureRate();

  void setBreakerFailureRate(double value);

  @Description(
      "Requests a worker JVM keeps in flight until its first completion, so that a wrong key, model"
          + " or URL costs a handful of requests.")
  @Default.Integer(4)
  int getProbeRequests();

  void setProbeRequests(int value);
}
