package org.medinstruct.llm;

import com.google.api.client.util.Clock;
import com.google.api.client.util.NanoClock;
import java.util.HashMap;
import java.util.Map;

/**
 * One shared {@link ChatClient} per {@link LlmSettings} per JVM, so that every DoFn instance on a
 * worker shares the rate limiter, the in-flight limit, the journal and the budget. DoFns take a
 * {@link Lease} in {@code @Setup} and close it in {@code @Teardown}; the last lease closed closes
 * the client (its threads and its journal segment). What must outlast a client (the budget spent,
 * the rate, a tripped breaker: {@link WorkerState}) stays with the JVM, so the next client, for
 * example the next round's job, carries on from it.
 */
public final class ChatClients {
  private static final Map<LlmSettings, Shared> SHARED = new HashMap<>();

  private ChatClients() {}

  private static final class Shared {
    WorkerState state;
    ChatClient client;
    int leases;
  }

  /** A DoFn's use of the shared client; closing it twice is harmless. */
  public static final class Lease implements AutoCloseable {
    private final LlmSettings settings;
    private final ChatClient client;
    private boolean closed;

    private Lease(LlmSettings settings, ChatClient client) {
      this.settings = settings;
      this.client = client;
    }

    public ChatClient client() {
      return client;
    }

    @Override
    public void close() {
      synchronized (SHARED) {
        if (closed) {
          return;
        }
        closed = true;
        Shared s = SHARED.get(settings);
        if (s != null && s.client == client && --s.leases == 0) {
          s.client = null;
          client.close();
        }
      }
    }
  }

  /** Opens the shared client for these settings, or joins the one open. */
  public static Lease lease(LlmSettings settings) {
    synchronized (SHARED) {
      Shared s = SHARED.computeIfAbsent(settings, k -> new Shared());
      if (s.client == null) {
        String apiKey = ApiKeys.resolve(settings);
        if (s.state == null) {
          s.state = WorkerState.of(settings, apiKey != null, NanoClock.SYSTEM, Clock.SYSTEM);
        }
        s.client =
            settings.batchMode()
                ? new BatchChatClient(settings, apiKey, s.state.budget)
                : HttpChatClient.create(settings, apiKey, s.state);
      }
      s.leases++;
      return new Lease(settings, s.client);
    }
  }

  /** Leases held on the client of these settings (tests). */
  static int leases(LlmSettings settings) {
    synchronized (SHARED) {
      Shared s = SHARED.get(settings);
      return s == null || s.client == null ? 0 : s.leases;
    }
  }
}
