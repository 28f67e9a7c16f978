package org.medinstruct.runners.flink;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's cancel hook for the FlinkRunner on a session cluster: Beam's Flink client blocks
 * in {@code run()} until the job ends, so a systemic stop cancels the job through the JobManager's
 * REST API ({@code PATCH /jobs/<id>?mode=cancel}), found by its name (Beam's {@code --jobName},
 * unique per run). A cancelled job is not restarted, so no request is sent again.
 */
public final class FlinkJobCancel {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkJobCancel.class);
  private static final Set<String> LIVE =
      Set.of("CREATED", "INITIALIZING", "RUNNING", "RESTARTING", "FAILING");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private FlinkJobCancel() {}

  /** Cancels this run's job when it runs on a remote Flink cluster; does nothing otherwise. */
  public static void cancelIfRemote(PipelineOptions options) {
    if (!FlinkJobJar.remote(options)) {
      return;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    String base = master.contains("://") ? master : "http://" + master;
    try {
      List<String> cancelled = cancel(base, options.getJobName());
      LOG.info("cancelled Flink job(s) {}", cancelled);
    } catch (IOException e) {
      LOG.warn(
          "could not cancel the Flink job {} at {} ({}): it ends on its own, every request failing"
              + " fast",
          options.getJobName(),
          base,
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** GET {@code url} from a JobManager's REST API, with this class's timeouts. */
  static HttpResponse<String> get(HttpClient http, String url)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The ids of the live jobs named {@code jobName} at the REST address {@code base}. */
  static List<String> liveJobs(HttpClient http, String base, String jobName)
      throws IOException, InterruptedException {
    HttpResponse<String> overview = get(http, base + "/jobs/overview");
    if (overview.statusCode() != 200) {
      throw new IOException("GET /jobs/overview: HTTP " + overview.statusCode());
    }
    List<String> ids = new ArrayList<>();
    for (JsonElement e :
        JsonParser.parseString(overview.body()).getAsJsonObject().getAsJsonArray("jobs")) {
      JsonObject job = e.getAsJsonObject();
      if (jobName.equals(job.get("name").getAsString())
          && LIVE.contains(job.get("state").getAsString())) {
        ids.add(job.get("jid").getAsString());
      }
    }
    return ids;
  }

  /**
   * Cancels every live job named {@code jobName} at the REST address {@code base}; returns their
   * ids.
   */
  static List<String> cancel(String base, String jobName) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    List<String> ids = liveJobs(http, base, jobName);
    for (String id : ids) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/jobs/" + id + "?mode=cancel"))
                  .timeout(TIMEOUT)
                  .method("PATCH", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IOException("PATCH /jobs/" + id + "?mode=cancel: HTTP " + r.statusCode());
      }
    }
    return ids;
  }
}
