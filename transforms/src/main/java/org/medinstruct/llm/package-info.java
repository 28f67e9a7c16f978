/**
 * The LLM client and the {@link org.medinstruct.llm.CallLlm} stage.
 *
 * <p>{@link org.medinstruct.llm.ChatClients#lease} gives one {@link
 * org.medinstruct.llm.HttpChatClient} per {@link org.medinstruct.llm.LlmSettings} per JVM, opened
 * by CallLlm's DoFns in setup and closed with the last teardown. The client is a stack of layers,
 * each one concern with its own test (outermost first): journal lookup and coalescing of identical
 * in-flight requests ({@code JournaledChat}) → bounded threads ({@code ThreadedChat}) → systemic
 * stop ({@code StopGate}) → the single retry loop ({@code RetryingChat}) → per attempt: budget
 * reservation ({@code BudgetedExchange}) → rate limiter (RPM and TPM token buckets, AIMD, {@code
 * x-ratelimit-*}) and in-flight semaphore ({@code RateLimitedExchange}) → HTTP ({@code
 * OpenAiTransport}).
 *
 * <p>Rules worth knowing:
 *
 * <ul>
 *   <li>Per-worker share: RPM, TPM and maxCostUsd are pipeline-wide; each worker JVM takes {@code
 *       1/workerCount} ({@link org.medinstruct.llm.LlmSettings#perWorker}). Set workerCount to the
 *       maximum number of worker JVMs, so the sum never exceeds the provider's limit.
 *   <li>Token estimate for TPM: prompt characters / 4 + max_tokens.
 *   <li>Retries: 408, 409, 429, 5xx, I/O errors and malformed bodies, up to maxRetries, Retry-After
 *       honoured, else full-jitter exponential backoff (0.5 s doubling to 30 s). A context-length
 *       400 is retried with max_tokens × 0.8. Other 4xx fail at once.
 *   <li>Journal: {@code cacheDir} local → {@code journal-<uuid>.jsonl} segments, one line per
 *       completion, flushed at once; other schemes (gs://) → one object per completion under {@code
 *       entries/}. Keyed by SHA-256 of base URL, model, sampling parameters, requested max_tokens,
 *       stop, templateVersion, messages and sampleKey.
 *   <li>Budget: worst-case cost (estimated prompt + all of max_tokens) is reserved before sending;
 *       once the worker's share would be exceeded, requests fail with "budget exhausted ..."
 *       (retryable, status 0).
 *   <li>Secrets: the key comes from {@code apiKeyFile} or the env variable {@code apiKeyEnv}; it is
 *       never logged, journaled or put in a message (server echoes are scrubbed). Plain http to a
 *       non-loopback host with a key is refused unless allowInsecureHttp.
 * </ul>
 */
package org.medinstruct.llm;
