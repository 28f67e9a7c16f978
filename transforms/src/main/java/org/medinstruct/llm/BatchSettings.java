package org.medinstruct.llm;

import java.io.Serializable;

/**
 * Batch API mode ({@code --llmMode=batch}): how requests are packed into batch jobs and how often
 * they are polled.
 *
 * @param maxRequestsPerBatch requests per input file (OpenAI: 50,000)
 * @param maxBytesPerBatch bytes per input file (OpenAI: 200 MB)
 * @param maxEnqueuedTokens estimated prompt + completion tokens in batches in progress at once (the
 *     provider's enqueued-token limit for the model); 0 = none
 * @param pollSeconds seconds between status checks of a batch in progress
 * @param collectSeconds a batch is submitted once no new request arrived for this long (or a limit
 *     is reached)
 */
public record BatchSettings(
    int maxRequestsPerBatch,
    long maxBytesPerBatch,
    long maxEnqueuedTokens,
    double pollSeconds,
    double collectSeconds)
    implements Serializable {
  public static final int OPENAI_MAX_REQUESTS = 50_000;
  public static final long OPENAI_MAX_BYTES = 200L * 1024 * 1024;

  public BatchSettings {
    if (maxRequestsPerBatch < 1
        || maxBytesPerBatch < 1
        || maxEnqueuedTokens < 0
        || pollSeconds <= 0
        || collectSeconds < 0) {
      throw new IllegalArgumentException(
          "batch limits must be positive and poll/collect times not negative");
    }
  }

  /** OpenAI's limits, polled every 30 s, submitted 2 s after the last request arrived. */
  public static BatchSettings openAiDefaults() {
    return new BatchSettings(OPENAI_MAX_REQUESTS, OPENAI_MAX_BYTES, 0, 30, 2);
  }
}
