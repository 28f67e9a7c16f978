package org.medinstruct.llm;

import com.google.api.client.util.Clock;
import com.google.api.client.util.NanoClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One shared {@link ChatClient} per {@link LlmSettings} per JVM, so that every DoFn instance on a
 * worker shares the rate limiter, the in-flight limit, the journal and the budget. DoFns take a
 * {@link Lease} in {@code @Setup} and close it in {@code @Teardown}; the last lease closed closes
 * the client (its threads and its journal segment). What must outlast a client (the budget spent,
 * the rate, a tripped breaker: {@link WorkerState}) stays with the JVM, so the next client, for
 * example the next round's job, carries on from it.
 *
 * <p>Scope: one run. The settings name the run ({@link LlmSettings#progressDir()} is the run's own
 * directory, {@code .../progress/run-<millis>-<random>}), so two runs in one JVM never share a
 * budget, a limiter or a breaker, even with the same options. This matters when the classes live in
 * the JVM's classpath rather than in one job's classloader (the job jar on a Flink cluster's
 * classpath): the state then outlives the round's job and the run. An idle state (no lease) of
 * another run is dropped when a client is leased once that run is over: its progress directory,
 * which the launcher creates at the start and deletes at the end of a run, is gone, or it has been
 * idle for {@link #IDLE_LIMIT} (a run that crashed).
 */
public final class ChatClients {
  /** How long an idle state of a run whose progress directory still exists is kept. */
  static final Duration IDLE_LIMIT = Duration.ofHours(1);

  private static final Map<LlmSettings, Shared> SHARED = new HashMap<>();

  private ChatClients() {}

  private static final class Shared {
    WorkerState state;
    ChatClient client;
    int leases;
    long idleSinceNanos;
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
          s.idleSinceNanos = System.nanoTime();
          client.close();
        }
      }
    }
  }

  /** Opens the shared client for these settings, or joins the one open. */
  public static Lease lease(LlmSettings settings) {
    synchronized (SHARED) {
      dropEndedRuns(settings, System.nanoTime());
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

  /** Drops the idle states of other runs that are over (see the class doc). */
  private static void dropEndedRuns(LlmSettings leasing, long nowNanos) {
    SHARED
        .entrySet()
        .removeIf(
            e ->
                e.getValue().client == null
                    && !Objects.equals(e.getKey().progressDir(), leasing.progressDir())
                    && (runOver(e.getKey().progressDir())
                        || nowNanos - e.getValue().idleSinceNanos > IDLE_LIMIT.toNanos()));
  }

  /** True when a run's local progress directory is gone (the launcher deleted it at the end). */
  static boolean runOver(String progressDir) {
    return progressDir != null
        && !progressDir.contains("://")
        && !Files.isDirectory(Path.of(progressDir));
  }

  /** The per-run state these settings use in this JVM, if any (tests). */
  static WorkerState state(LlmSettings settings) {
    synchronized (SHARED) {
      Shared s = SHARED.get(settings);
      return s == null ? null : s.state;
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
