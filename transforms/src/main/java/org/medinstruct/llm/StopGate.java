package org.medinstruct.llm;

/**
 * Runs a request past the worker's {@link SystemicStop}: admitted first (a stopped run fails it at
 * once; until the first success only a few probes go out), and its outcome reported after, so that
 * a systemic failure trips the breaker. Whatever the next layer throws ends as an {@link
 * LlmException} whose message never contains the API key.
 */
final class StopGate implements ChatCall {
  private final ChatCall next;
  private final SystemicStop stop;
  private final String apiKey;

  StopGate(ChatCall next, SystemicStop stop, String apiKey) {
    this.next = next;
    this.stop = stop;
    this.apiKey = apiKey;
  }

  @Override
  public ChatResponse call(ChatRequest request) {
    ChatResponse result = null;
    LlmException error = null;
    boolean probe = false;
    try {
      probe = stop.admit();
      result = next.call(request);
    } catch (LlmException e) {
      error = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = new LlmException("interrupted", 0, true, 0);
    } catch (RuntimeException | Error e) {
      // Whatever happens, the request ends: a caller waiting on it must never hang.
      error =
          new LlmException(
              "unexpected "
                  + e.getClass().getSimpleName()
                  + ": "
                  + ApiKeys.redact(e.getMessage(), apiKey),
              0,
              true,
              0);
    }
    stop.release(probe, error);
    if (error != null) {
      throw error;
    }
    return result;
  }
}
