package org.medinstruct.llm;

import com.google.api.client.util.ExponentialBackOff;
import com.google.api.client.util.Sleeper;
import java.io.IOException;
import java.util.function.Supplier;
import org.medinstruct.model.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop: encodes each attempt (with the {@link StructuredFallback} and max_tokens cuts
 * applied), sends it through the next {@link Exchange} and decides on what came back: retry after
 * the {@link RetryPolicy}'s wait within the {@link RequestDeadline}, send again at once (a refused
 * response_format, a context-length error), or fail ({@link AttemptFailure}). Stops retrying at
 * once when the run is stopped ({@link SystemicStop#check}) or the endpoint is dead ({@link
 * DeadEndpoint}).
 */
final class RetryingChat implements ChatCall {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingChat.class);

  private final Exchange next;
  private final AttemptFailure failures;
  private final ModelCatalog catalog;
  private final RetryPolicy retry;
  private final Supplier<RequestDeadline> deadlines;
  private final Sleeper sleeper;
  private final SystemicStop stop;
  private final DeadEndpoint deadEndpoint;

  RetryingChat(
      Exchange next,
      AttemptFailure failures,
      ModelCatalog catalog,
      RetryPolicy retry,
      Supplier<RequestDeadline> deadlines,
      Sleeper sleeper,
      SystemicStop stop,
      DeadEndpoint deadEndpoint) {
    this.next = next;
    this.failures = failures;
    this.catalog = catalog;
    this.retry = retry;
    this.deadlines = deadlines;
    this.sleeper = sleeper;
    this.stop = stop;
    this.deadEndpoint = deadEndpoint;
  }

  @Override
  public ChatResponse call(ChatRequest original) throws InterruptedException {
    ExponentialBackOff caps = RetryPolicy.newCaps();
    RequestDeadline deadline = deadlines.get();
    ChatRequest request = original;
    for (int attempt = 1; ; attempt++) {
      stop.check();
      request = failures.structured().apply(request);
      String body = OpenAiProtocol.requestBody(request, catalog.spec(request.model()));
      RequestDeadline.checkBodySize(body, failures.url(), attempt - 1);
      Exchange.Reply reply;
      AttemptFailure.Failed failed;
      try {
        reply = next.send(new Exchange.Attempt(request, body, attempt, deadline));
        deadEndpoint.answered();
        if (reply.completion() != null) {
          return reply.completion();
        }
        failed = failures.of(request, reply, attempt, retry.maxRetries());
      } catch (IOException e) {
        deadEndpoint.failed(e);
        reply = null;
        failed = failures.noResponse(e);
      }
      if (failed.sendAgain() != null) {
        request = failed.sendAgain();
        continue;
      }
      sleepBeforeRetry(caps, deadline, reply, failed, attempt);
    }
  }

  /** Fails when no retry is left or allowed; else waits for the next attempt. */
  private void sleepBeforeRetry(
      ExponentialBackOff caps,
      RequestDeadline deadline,
      Exchange.Reply reply,
      AttemptFailure.Failed failed,
      int attempts)
      throws InterruptedException {
    String error = failed.error();
    int status = failed.status();
    if (!failed.retryable()) {
      throw new LlmException(error, status, false, attempts, failed.kind());
    }
    if (attempts > retry.maxRetries()) {
      throw new LlmException(
          error + " (gave up after " + attempts + " attempts)",
          status,
          true,
          attempts,
          FailureKind.ofStatus(status));
    }
    LlmHttp.Response response = reply == null ? null : reply.response();
    long wait = retry.waitMillis(caps, response, reply == null ? 0 : reply.retryFloorMillis());
    LOG.debug("attempt {} failed ({}); retrying in {} ms", attempts, error, wait);
    deadline.checkRetry(wait, error, status, attempts);
    if (response == null && deadEndpoint.dead()) {
      throw new LlmException(
          error
              + " (gave up after "
              + attempts
              + " attempts: every connection refused for "
              + DeadEndpoint.DEAD_AFTER_SECONDS
              + " s, the endpoint is down)",
          0,
          true,
          attempts,
          FailureKind.UNREACHABLE);
    }
    // Slept even when the full-jitter draw is 0 ms: every retry has exactly one back-off.
    sleeper.sleep(wait);
  }
}
