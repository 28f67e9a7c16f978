package org.medinstruct.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.medinstruct.llm.Prices;

/**
 * Prints a progress line every {@code periodSeconds} while a pipeline runs, on any runner: it sums
 * the per-JVM files that {@link org.medinstruct.progress.Progress} writes into the run's progress
 * directory. A line names the active stage, done/total, rate, ETA, tokens and spend so far.
 *
 * <p>When {@code out} is an interactive terminal's {@link LiveLine.Printer}, it instead redraws a
 * live single-line bar ({@link ProgressBar}) every second, and erases it when closed; anywhere else
 * (pipes, files, CI) the plain lines, with no escape codes and no carriage returns.
 */
public final class ProgressPrinter implements AutoCloseable {
  private final String dir;
  private final Prices prices;
  private final PrintStream out;
  private final long startedMillis;
  private final Thread thread;
  private final Map<String, double[]> lastDone = new TreeMap<>();
  private final boolean simulated;
  private final LiveLine live;
  private volatile String label;
  private volatile String activity;
  private volatile long activityMillis;

  public ProgressPrinter(String dir, Prices prices, PrintStream out, int periodSeconds) {
    this(dir, prices, out, periodSeconds, false);
  }

  /** {@code simulated}: the built-in simulated endpoint serves the run, so nothing is spent. */
  public ProgressPrinter(
      String dir, Prices prices, PrintStream out, int periodSeconds, boolean simulated) {
    this(dir, prices, out, periodSeconds, simulated, true);
  }

  /** {@code ticking} false: no thread; the caller calls {@link #tick} (tests). */
  ProgressPrinter(
      String dir,
      Prices prices,
      PrintStream out,
      int periodSeconds,
      boolean simulated,
      boolean ticking) {
    this.simulated = simulated;
    this.dir = dir;
    this.prices = prices;
    this.out = out;
    this.startedMillis = System.currentTimeMillis();
    this.live = out instanceof LiveLine.Printer printer ? printer.live() : null;
    this.thread =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(live != null ? BAR_MILLIS : periodSeconds * 1000L);
                  tick();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "medinstruct-progress");
    thread.setDaemon(true);
    if (ticking) {
      thread.start();
    }
  }

  static final long BAR_MILLIS = 1000;

  /** What the bar's label says before the stage (for example "round 2"); null for none. */
  public void label(String text) {
    this.label = text;
  }

  /**
   * What the run does after its jobs (for example "writing report.html"): the bar says only that.
   */
  public void activity(String text) {
    this.activityMillis = System.currentTimeMillis();
    this.activity = text;
  }

  /** One update: the bar redrawn on a terminal, else a plain line. */
  void tick() {
    if (live != null) {
      live.show(barLine());
      return;
    }
    if (activity != null) {
      // After the jobs (the report): a plain line every period, so no step is silent for long.
      out.println(activity + " (" + (System.currentTimeMillis() - activityMillis) / 1000 + " s)");
      return;
    }
    String line = line();
    out.println(line != null ? line : startingLine());
  }

  /**
   * Before any stage has reported (the job being submitted and scheduled, its input read): a line
   * all the same, so a pipe or a log never goes silent for longer than a period.
   */
  String startingLine() {
    return stamp(System.currentTimeMillis()) + " | starting: no stage has reported yet";
  }

  /** A plain line's opening: the time since the run started. */
  private String stamp(long now) {
    return String.format("[progress %s]", clock((now - startedMillis) / 1000));
  }

  /**
   * The bar for the active stage: of the stages with work left, the one that started last; when
   * none has work left, the one that finished last. Counts are summed over models and workers.
   */
  String barLine() {
    long seconds = (System.currentTimeMillis() - startedMillis) / 1000;
    String dot = live == null || live.unicode() ? " · " : " - ";
    if (activity != null) {
      return activity + dot + ProgressBar.elapsed(seconds);
    }
    Map<String, long[]> byStage = new TreeMap<>(); // stage -> [submitted, done, first, last]
    totals()
        .forEach(
            (key, t) -> {
              long[] s =
                  byStage.computeIfAbsent(
                      key.split("\\|", 2)[0], k -> new long[] {0, 0, Long.MAX_VALUE, 0});
              s[0] += t[0];
              s[1] += t[1] + t[2];
              s[2] = Math.min(s[2], t[6]);
              s[3] = Math.max(s[3], t[7]);
            });
    String active = null;
    long[] best = null;
    boolean bestOpen = false;
    for (Map.Entry<String, long[]> e : byStage.entrySet()) {
      long[] s = e.getValue();
      boolean open = s[1] < s[0];
      boolean better =
          best == null
              || (open && !bestOpen)
              || (open == bestOpen && (open ? s[2] > best[2] : s[3] > best[3]));
      if (better) {
        active = e.getKey();
        best = s;
        bestOpen = open;
      }
    }
    if (active == null) {
      String l = label;
      return (l == null ? "" : l + dot) + "starting" + dot + ProgressBar.elapsed(seconds);
    }
    return ProgressBar.render(
        label, active, best[1], best[0], seconds, live == null || live.unicode());
  }

  /**
   * Totals per "stage|model" over every worker's file: [submitted, completed, failed, cached,
   * prompt, completion, first, last].
   */
  Map<String, long[]> totals() {
    Map<String, long[]> totals = new TreeMap<>();
    for (JsonObject file : readAll()) {
      for (Map.Entry<String, JsonElement> e : file.getAsJsonObject("stages").entrySet()) {
        JsonObject s = e.getValue().getAsJsonObject();
        long[] t =
            totals.computeIfAbsent(
                e.getKey(), k -> new long[] {0, 0, 0, 0, 0, 0, Long.MAX_VALUE, 0});
        t[0] += s.get("submitted").getAsLong();
        t[1] += s.get("completed").getAsLong();
        t[2] += s.get("failed").getAsLong();
        t[3] += s.get("cached").getAsLong();
        t[4] += s.get("prompt_tokens").getAsLong();
        t[5] += s.get("completion_tokens").getAsLong();
        long first = s.get("first_millis").getAsLong();
        if (first > 0) {
          t[6] = Math.min(t[6], first);
        }
        t[7] = Math.max(t[7], s.get("last_millis").getAsLong());
      }
    }
    return totals;
  }

  /** The HTTP counters of every worker's file, summed (see {@code Progress#http}). */
  Map<String, Long> httpTotals() {
    Map<String, Long> totals = new TreeMap<>();
    for (JsonObject file : readAll()) {
      JsonObject h = file.getAsJsonObject("http");
      if (h != null) {
        h.entrySet().forEach(e -> totals.merge(e.getKey(), e.getValue().getAsLong(), Long::sum));
      }
    }
    return totals;
  }

  String line() {
    Map<String, long[]> totals = totals();
    if (totals.isEmpty()) {
      return null;
    }
    long now = System.currentTimeMillis();
    StringBuilder sb = new StringBuilder(stamp(now));
    long tokens = 0;
    double spend = 0;
    for (Map.Entry<String, long[]> e : totals.entrySet()) {
      String[] key = e.getKey().split("\\|", 2);
      long[] t = e.getValue();
      long done = t[1] + t[2];
      double[] last = lastDone.get(e.getKey());
      double rate = last == null ? 0 : (done - last[0]) / Math.max(0.001, (now - last[1]) / 1000.0);
      lastDone.put(e.getKey(), new double[] {done, now});
      long remaining = Math.max(0, t[0] - done);
      String eta =
          remaining == 0 ? "done" : rate > 0 ? "ETA " + clock((long) (remaining / rate)) : "ETA ?";
      sb.append(
          String.format(
              " | %s %d/%d (%.1f/s, %s%s)",
              key[0], done, t[0], rate, eta, t[2] > 0 ? ", " + t[2] + " failed" : ""));
      tokens += t[4] + t[5];
      if (t[4] + t[5] > 0) { // stages without tokens (dedup) cost nothing
        spend +=
            prices.cost(
                key.length > 1 ? key[1] : "", billed(t[4], t[1], t[3]), billed(t[5], t[1], t[3]));
      }
    }
    sb.append(
        String.format(
            simulated
                ? " | tokens %,d | simulated: would cost $%.4f"
                : " | tokens %,d | spend $%.4f",
            tokens,
            spend));
    return sb.toString();
  }

  /**
   * Tokens of cached completions cost nothing; apportion by count (an estimate for the live line).
   */
  private static long billed(long tokens, long completed, long cached) {
    return completed == 0 ? 0 : Math.round(tokens * (double) (completed - cached) / completed);
  }

  /** Wall seconds per stage: first submission to last completion, over all workers. */
  JsonObject stageSeconds() {
    JsonObject o = new JsonObject();
    Map<String, long[]> byStage = new TreeMap<>();
    totals()
        .forEach(
            (key, t) -> {
              long[] s =
                  byStage.computeIfAbsent(
                      key.split("\\|", 2)[0], k -> new long[] {Long.MAX_VALUE, 0});
              s[0] = Math.min(s[0], t[6]);
              s[1] = Math.max(s[1], t[7]);
            });
    byStage.forEach((stage, s) -> o.addProperty(stage, s[1] > s[0] ? (s[1] - s[0]) / 1000.0 : 0.0));
    return o;
  }

  private List<JsonObject> readAll() {
    List<JsonObject> files = new ArrayList<>();
    try {
      MatchResult match = FileSystems.match(dir.replaceAll("/+$", "") + "/progress-*.json");
      if (match.status() != MatchResult.Status.OK) {
        return files;
      }
      for (MatchResult.Metadata m : match.metadata()) {
        try (InputStream in = Channels.newInputStream(FileSystems.open(m.resourceId()))) {
          files.add(
              JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                  .getAsJsonObject());
        } catch (IOException | RuntimeException e) {
          // A file being replaced right now is read at the next tick.
        }
      }
    } catch (IOException e) {
      // No progress yet.
    }
    return files;
  }

  private static String clock(long seconds) {
    return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  @Override
  public void close() {
    thread.interrupt();
    if (live != null) {
      try {
        thread.join(2000); // no redraw after the bar is erased
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      live.clear();
    }
  }
}
