package org.medinstruct.progress;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A side channel for live progress that works on every runner: each worker JVM keeps counters per
 * LLM stage and model and writes them, at most once a second, to {@code <dir>/progress-<jvm>.json}
 * (a local path, or any Beam FileSystems path shared with the launcher). The launcher's {@code
 * ProgressPrinter} sums the files. Counts are best-effort (a retried bundle may count a request
 * twice); the dataset's own counts come from summary.json.
 */
public final class Progress {
  private static final String JVM = UUID.randomUUID().toString().substring(0, 8);
  private static final Map<String, Progress> BY_DIR = new ConcurrentHashMap<>();

  private final String dir;
  private final Map<String, Counters> counters = new ConcurrentHashMap<>();

  /**
   * The LLM client's HTTP counters (requests_sent, retries, http_429, failures, cache_hits, ...).
   */
  private final Map<String, AtomicLong> http = new ConcurrentHashMap<>();

  private final AtomicLong lastWrite = new AtomicLong();
  private volatile boolean dirty;
  private volatile boolean closed;

  /** Counters of one stage and model. */
  public static final class Counters {
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong cached = new AtomicLong();
    final AtomicLong promptTokens = new AtomicLong();
    final AtomicLong completionTokens = new AtomicLong();
    final AtomicLong firstMillis = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastMillis = new AtomicLong();
  }

  private Progress(String dir) {
    this.dir = dir;
  }

  /** The JVM's board for {@code dir}, or null when progress is off. */
  public static Progress forDir(String dir) {
    return dir == null || dir.isBlank() ? null : BY_DIR.computeIfAbsent(dir, Progress::new);
  }

  /**
   * Ends the board for {@code dir} in this JVM: a write in progress finishes, and no later write
   * happens, so the launcher can remove the directory once its run has ended (stopped or not) while
   * client threads of that run are still winding down (a retry waking from its back-off).
   */
  public static void close(String dir) {
    Progress p = forDir(dir);
    if (p != null) {
      // Kept in the map, closed: a client set up late by the ending run gets this closed board.
      p.markClosed();
    }
  }

  private synchronized void markClosed() {
    closed = true;
  }

  private Counters of(String stage, String model) {
    return counters.computeIfAbsent(stage + "\n" + model, k -> new Counters());
  }

  public void submitted(String stage, String model) {
    Counters c = of(stage, model);
    c.submitted.incrementAndGet();
    c.firstMillis.accumulateAndGet(System.currentTimeMillis(), Math::min);
    dirty = true;
  }

  public void completed(
      String stage, String model, boolean cached, long promptTokens, long completionTokens) {
    Counters c = of(stage, model);
    c.completed.incrementAndGet();
    if (cached) {
      c.cached.incrementAndGet();
    }
    c.promptTokens.addAndGet(promptTokens);
    c.completionTokens.addAndGet(completionTokens);
    c.lastMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
    dirty = true;
  }

  /**
   * Counts {@code n} items of a stage submitted at once: the dedup's stages count millions of
   * postings, one call (a string key and two atomic updates) per item cost seconds of a 1M join.
   */
  public void submitted(String stage, String model, long n) {
    if (n <= 0) {
      return;
    }
    Counters c = of(stage, model);
    c.submitted.addAndGet(n);
    c.firstMillis.accumulateAndGet(System.currentTimeMillis(), Math::min);
    dirty = true;
  }

  /** Counts {@code n} items of a stage completed at once, none cached and without tokens. */
  public void completed(String stage, String model, long n) {
    if (n <= 0) {
      return;
    }
    Counters c = of(stage, model);
    c.completed.addAndGet(n);
    c.lastMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
    dirty = true;
  }

  public void failed(String stage, String model) {
    Counters c = of(stage, model);
    c.failed.incrementAndGet();
    c.lastMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
    dirty = true;
  }

  /**
   * Adds to an HTTP counter. The launcher sums them over every worker's file into summary.json's
   * {@code http}: this works on runners whose Beam metrics do not reach the launcher (Flink).
   */
  public void http(String name, long n) {
    http.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
    dirty = true;
  }

  /** Writes the counters if they changed and a second has passed (or always, with force). */
  public void flush(boolean force) {
    long now = System.currentTimeMillis();
    long last = lastWrite.get();
    if (!dirty || (!force && now - last < 1000) || !lastWrite.compareAndSet(last, now)) {
      return;
    }
    dirty = false;
    try {
      write(snapshot(now));
    } catch (IOException | RuntimeException e) {
      dirty = true; // Progress is advisory: a failed write is retried at the next flush.
    }
  }

  JsonObject snapshot(long now) {
    JsonObject o = new JsonObject();
    o.addProperty("jvm", JVM);
    o.addProperty("updated_millis", now);
    JsonObject stages = new JsonObject();
    counters.forEach(
        (key, c) -> {
          String[] parts = key.split("\n", 2);
          JsonObject s = new JsonObject();
          s.addProperty("stage", parts[0]);
          s.addProperty("model", parts[1]);
          s.addProperty("submitted", c.submitted.get());
          s.addProperty("completed", c.completed.get());
          s.addProperty("failed", c.failed.get());
          s.addProperty("cached", c.cached.get());
          s.addProperty("prompt_tokens", c.promptTokens.get());
          s.addProperty("completion_tokens", c.completionTokens.get());
          s.addProperty(
              "first_millis", c.firstMillis.get() == Long.MAX_VALUE ? 0 : c.firstMillis.get());
          s.addProperty("last_millis", c.lastMillis.get());
          stages.add(key.replace('\n', '|'), s);
        });
    o.add("stages", stages);
    JsonObject h = new JsonObject();
    http.forEach((name, v) -> h.addProperty(name, v.get()));
    o.add("http", h);
    return o;
  }

  private synchronized void write(JsonObject snapshot) throws IOException {
    if (closed) {
      return;
    }
    byte[] bytes = snapshot.toString().getBytes(StandardCharsets.UTF_8);
    String name = "progress-" + JVM + ".json";
    if (!dir.contains("://")) {
      Path d = Path.of(dir);
      Files.createDirectories(d);
      Path tmp = d.resolve("." + name + ".tmp");
      Files.write(tmp, bytes);
      Files.move(
          tmp,
          d.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    ResourceId file =
        FileSystems.matchNewResource(dir, true).resolve(name, StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(file, "application/json"))) {
      out.write(bytes);
    }
  }
}
