package org.medinstruct.runners.flink;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error of a job the launcher submitted detached to a session cluster (see {@link FlinkJobJar})
 * that did not finish: the same {@code RuntimeException("Pipeline execution failed",
 * JobExecutionException)} that Beam's attached client throws, with the workers' exception
 * deserialized in the launcher, so that its type (bad input: exit 2) and message reach the user.
 * Null when the runner is not a remote Flink cluster or the job's result cannot be read (the
 * launcher then names the state and where the cluster keeps the error).
 */
public final class FlinkJobFailure {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkJobFailure.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private FlinkJobFailure() {}

  /** The launcher's failure hook (see {@code org.medinstruct.pipeline.Launch}). */
  public static RuntimeException of(PipelineOptions options) {
    if (options.getRunner() == null || !"FlinkRunner".equals(options.getRunner().getSimpleName())) {
      return null;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    if (master == null || master.startsWith("[")) {
      return null;
    }
    String base = FlinkJobJar.restBase(master);
    try {
      String id = latestJob(base, options.getJobName());
      return id == null ? null : failureOf(URI.create(base), JobID.fromHexString(id));
    } catch (Exception e) {
      LOG.warn("could not read the failed job's error from {}: {}", base, e.toString());
      return null;
    }
  }

  /** The id of the newest job named {@code jobName} at the REST address {@code base}. */
  static String latestJob(String base, String jobName) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> r = FlinkJobCancel.get(http, base + "/jobs/overview");
    String id = null;
    long newest = Long.MIN_VALUE;
    for (JsonElement e :
        JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("jobs")) {
      JsonObject job = e.getAsJsonObject();
      long start = job.get("start-time").getAsLong();
      if (jobName.equals(job.get("name").getAsString()) && start > newest) {
        newest = start;
        id = job.get("jid").getAsString();
      }
    }
    return id;
  }

  private static RuntimeException failureOf(URI rest, JobID id) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestOptions.ADDRESS, rest.getHost());
    conf.set(RestOptions.PORT, rest.getPort());
    try (RestClusterClient<StandaloneClusterId> client =
        new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
      JobResult result = client.requestJobResult(id).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      result.toJobExecutionResult(FlinkJobFailure.class.getClassLoader());
      return null;
    } catch (JobExecutionException e) {
      return new RuntimeException("Pipeline execution failed", e);
    }
  }
}
