package org.medinstruct.runners.flink;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The launcher's stall hook for jobs on a remote Flink cluster: a live job that the cluster cannot
 * give the task slots it needs (every TaskManager exited, for example of {@code OutOfMemoryError:
 * Metaspace}) would wait for them without end, so after {@code -Dmedinstruct.flink.slotWaitSeconds}
 * (default 120 s, 0 waits forever) of too few slots the launcher cancels it and exits 1 with a
 * message that names the cluster, the slots and the fix.
 */
public final class FlinkJobStall {
  /** JVM property (in JAVA_OPTS): seconds a job may lack task slots before the run fails. */
  public static final String PROPERTY = "medinstruct.flink.slotWaitSeconds";

  static final long DEFAULT_WAIT_SECONDS = 120;
  private static final Set<String> REGION_BY_REGION = Set.of("BATCH", "BATCH_FORCED");

  /** One client for the checks every few seconds of a run (each new one starts a thread). */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Since when (System.nanoTime) each job has lacked slots. */
  private static final Map<String, Long> SHORT_SINCE = new ConcurrentHashMap<>();

  private FlinkJobStall() {}

  /** Why this run's job cannot go on, or null (not on a remote cluster, or it can). */
  public static String check(PipelineOptions options) {
    long wait = Long.getLong(PROPERTY, DEFAULT_WAIT_SECONDS);
    if (!FlinkJobJar.remote(options) || wait <= 0) {
      return null;
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    // In BATCH execution a job runs region by region: one slot lets it go on.
    boolean oneSlotEnough =
        REGION_BY_REGION.contains(String.valueOf(flink.getExecutionModeForBatch()));
    try {
      return check(
          FlinkJobJar.restBase(flink.getFlinkMaster()),
          options.getJobName(),
          oneSlotEnough,
          wait,
          System.nanoTime());
    } catch (IOException | RuntimeException e) {
      return null; // The JobManager out of reach is Flink's client's to report, not a stall.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * The check against the REST API at {@code base} at time {@code nowNanos}: the live job named
   * {@code jobName} lacks slots (fewer in the cluster than its largest parallelism, or none at all
   * when {@code oneSlotEnough}) since {@code waitSeconds} or longer.
   */
  static String check(
      String base, String jobName, boolean oneSlotEnough, long waitSeconds, long nowNanos)
      throws IOException, InterruptedException {
    List<String> live = FlinkJobCancel.liveJobs(HTTP, base, jobName);
    if (live.isEmpty()) {
      return null;
    }
    String id = live.get(0);
    JsonObject cluster = get(base + "/overview");
    int slots = cluster.get("slots-total").getAsInt();
    int taskManagers = cluster.get("taskmanagers").getAsInt();
    int needed = oneSlotEnough ? 1 : maxParallelism(get(base + "/jobs/" + id));
    if (slots >= needed) {
      SHORT_SINCE.remove(id);
      return null;
    }
    long waited = (nowNanos - SHORT_SINCE.computeIfAbsent(id, k -> nowNanos)) / 1_000_000_000L;
    if (waited < waitSeconds) {
      return null;
    }
    SHORT_SINCE.remove(id);
    return String.format(
        "the Flink job %s cannot run: for %d s the cluster at %s has had %d task slot(s) on %d"
            + " TaskManager(s), and the job needs %d. A TaskManager has probably exited; its log"
            + " says why (a cluster whose jobs upload the job jar runs out of Metaspace after about"
            + " 14 of them: restart it with the job jar in lib/, see runners/FLINK.md). Start"
            + " TaskManagers or lower --parallelism, then run again: the cache keeps every answer"
            + " already received. The job was cancelled. To wait longer: JAVA_OPTS=-D%s=SECONDS"
            + " (0 waits forever).",
        jobName, waited, base, slots, taskManagers, needed, PROPERTY);
  }

  private static int maxParallelism(JsonObject job) {
    int max = 1;
    for (JsonElement v : job.getAsJsonArray("vertices")) {
      max = Math.max(max, v.getAsJsonObject().get("parallelism").getAsInt());
    }
    return max;
  }

  private static JsonObject get(String url) throws IOException, InterruptedException {
    var r = FlinkJobCancel.get(HTTP, url);
    if (r.statusCode() != 200) {
      throw new IOException("GET " + url + ": HTTP " + r.statusCode());
    }
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }
}
