package org.medinstruct.llm;

import java.io.IOException;
import java.util.Map;

/**
 * An {@link LlmHttp} decorator for plain http with a key: before every request it checks the host
 * with {@link LoopbackGuard} again and sends the request to the checked loopback address (pooled
 * connections are keyed by that address), so a DNS change after startup cannot carry the key off
 * the machine.
 */
final class LoopbackPinnedHttp implements LlmHttp {
  private final LlmHttp delegate;
  private final LoopbackGuard guard;

  LoopbackPinnedHttp(LlmHttp delegate, LoopbackGuard guard) {
    this.delegate = delegate;
    this.guard = guard;
  }

  /** The delegate itself when no key travels over plain http; otherwise it wrapped. */
  static LlmHttp wrapIfNeeded(
      LlmHttp http, String url, boolean keySet, boolean allowInsecureHttp, LoopbackGuard guard) {
    return LoopbackGuard.mustPin(url, keySet, allowInsecureHttp)
        ? new LoopbackPinnedHttp(http, guard)
        : http;
  }

  @Override
  public Response post(String url, Map<String, String> headers, String jsonBody, int timeoutSeconds)
      throws IOException {
    return delegate.post(guard.pin(url), headers, jsonBody, timeoutSeconds);
  }
}
