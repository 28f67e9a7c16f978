package org.medinstruct.llm;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost layer, so that a completion is never paid twice: a request whose completion is in
 * the {@link Journal} is answered from it (fromCache, attempts 0) without going further; identical
 * requests in flight at once go further once and share the future; a new completion is journaled
 * before its future completes. With refreshCache, only completions journaled by this client are
 * served from the journal.
 */
final class JournaledChat implements ChatClient {
  private static final Logger LOG = LoggerFactory.getLogger(JournaledChat.class);

  private final ChatClient next;
  private final Journal journal;
  private final String endpoint;
  private final Set<String> journaledHere;
  private final Map<String, CompletableFuture<ChatResponse>> pending = new ConcurrentHashMap<>();

  /**
   * @param endpoint the endpoint's name in journal keys ({@link LlmSettings#journalEndpoint})
   * @param journaledHere with refreshCache, the keys journaled in this run (the only ones served
   *     from the journal); null without refreshCache
   */
  JournaledChat(ChatClient next, Journal journal, String endpoint, Set<String> journaledHere) {
    this.next = next;
    this.journal = journal;
    this.endpoint = endpoint;
    this.journaledHere = journaledHere;
  }

  /** Whether a request has what a journal key and a body need. */
  static boolean valid(ChatRequest request) {
    return request != null && request.messages() != null && request.model() != null;
  }

  static CompletableFuture<ChatResponse> invalid() {
    return CompletableFuture.failedFuture(
        new LlmException("invalid request: model and messages are required", 0, false, 0));
  }

  @Override
  public CompletableFuture<ChatResponse> complete(ChatRequest request) {
    if (!valid(request)) {
      return invalid();
    }
    String key = Journal.key(endpoint, request);
    ChatResponse cached = journal.get(key);
    if (cached != null && (journaledHere == null || journaledHere.contains(key))) {
      return CompletableFuture.completedFuture(cached);
    }
    CompletableFuture<ChatResponse> mine = new CompletableFuture<>();
    CompletableFuture<ChatResponse> earlier = pending.putIfAbsent(key, mine);
    if (earlier != null) {
      return earlier;
    }
    CompletableFuture<ChatResponse> sent;
    try {
      sent = next.complete(request);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((response, error) -> finish(key, request, mine, response, error));
    return mine;
  }

  private void finish(
      String key,
      ChatRequest request,
      CompletableFuture<ChatResponse> future,
      ChatResponse response,
      Throwable error) {
    if (error == null) {
      record(key, request, response);
    }
    // Leave the coalescing map first: a later identical request then reads the journal or sends
    // anew.
    pending.remove(key, future);
    if (error == null) {
      future.complete(response);
    } else {
      future.completeExceptionally(
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error);
    }
  }

  private void record(String key, ChatRequest request, ChatResponse response) {
    try {
      journal.put(key, request, response);
      if (journaledHere != null) {
        journaledHere.add(key);
      }
    } catch (IOException e) {
      // The completion is still returned; only its reuse on a rerun is lost.
      LOG.warn(
          "could not journal a completion ({}): a rerun will request it again", e.getMessage());
    }
  }

  long drainDamagedLines() {
    return journal.drainDamagedLines();
  }

  @Override
  public void close() {
    next.close();
    journal.close();
  }
}
