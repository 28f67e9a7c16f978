package org.medinstruct.runners.flink;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A local Flink standalone session cluster started through the {@code runners/flink-cluster}
 * script, for integration tests.
 *
 * <p>Inputs: the script, a work dir (conf, logs, pid files), the number of TaskManagers, slots per
 * TaskManager and two free loopback ports (REST, RPC). Outputs: REST queries (registered
 * TaskManagers, jobs from {@code /jobs/overview}, the TaskManagers a job's subtasks run on) and
 * process control (SIGKILL a TaskManager, start another one). Failures: {@link IOException} when
 * the script fails (its output is in the message) or the REST API does not answer; {@link
 * IllegalStateException} when a wait times out.
 *
 * <p>{@link #close()} stops the cluster with the script, then SIGKILLs any of its JVMs still alive;
 * a JVM shutdown hook does the same if a test run is aborted, so no process outlives it.
 */
public final class LocalFlinkCluster implements AutoCloseable {

  /** One row of {@code /jobs/overview}. */
  public record Job(String id, String name, String state) {}

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

  private final Path script;
  private final Path workDir;
  private final int restPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  // Every JVM this cluster ever started: close() and the shutdown hook kill whatever is left.
  // Handles, not bare pids: a handle remembers the process start time, so a recycled pid is
  // never signalled.
  private final Map<Long, ProcessHandle> processes = new ConcurrentHashMap<>();
  private final Thread shutdownHook = new Thread(this::killAll, "LocalFlinkCluster-kill");
  private boolean closed;

  private LocalFlinkCluster(Path script, Path workDir, int restPort) {
    this.script = script;
    this.workDir = workDir;
    this.restPort = restPort;
  }

  /**
   * Starts JobManager + {@code taskManagers} TaskManagers with {@code slots} slots each and waits
   * until all are registered (the script waits).
   */
  public static LocalFlinkCluster start(
      Path script, Path workDir, int taskManagers, int slots, int restPort, int rpcPort)
      throws IOException {
    return start(script, workDir, taskManagers, slots, restPort, rpcPort, List.of());
  }

  /**
   * As above, with more {@code flink-cluster start} options (e.g. {@code --llmApiKeyFile=FILE}).
   * The script never inherits OPENAI_API_KEY from this JVM: a key reaches the TaskManagers only
   * through such an option.
   */
  public static LocalFlinkCluster start(
      Path script,
      Path workDir,
      int taskManagers,
      int slots,
      int restPort,
      int rpcPort,
      List<String> moreOptions)
      throws IOException {
    LocalFlinkCluster cluster = new LocalFlinkCluster(script, workDir.toAbsolutePath(), restPort);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "start",
                  "--taskmanagers=" + taskManagers,
                  "--slots=" + slots,
                  "--restPort=" + restPort,
                  "--rpcPort=" + rpcPort));
      args.addAll(moreOptions);
      cluster.script(args.toArray(String[]::new));
    } catch (IOException | RuntimeException e) {
      // The script stops what it started on failure; make sure, as a caller cannot close().
      cluster.remember();
      cluster.killAll();
      Runtime.getRuntime().removeShutdownHook(cluster.shutdownHook);
      throw e;
    }
    cluster.remember();
    return cluster;
  }

  /** A loopback port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value for Beam's {@code --flinkMaster}. */
  public String flinkMaster() {
    return "127.0.0.1:" + restPort;
  }

  public String restUrl() {
    return "http://" + flinkMaster();
  }

  public Path workDir() {
    return workDir;
  }

  /** Number of TaskManagers registered with the ResourceManager ({@code /taskmanagers}). */
  public int registeredTaskManagers() throws IOException {
    return get("/taskmanagers").getAsJsonArray("taskmanagers").size();
  }

  /** All jobs the cluster knows ({@code /jobs/overview}). */
  public List<Job> jobs() throws IOException {
    List<Job> jobs = new ArrayList<>();
    for (JsonElement e : get("/jobs/overview").getAsJsonArray("jobs")) {
      JsonObject job = e.getAsJsonObject();
      jobs.add(
          new Job(
              job.get("jid").getAsString(),
              job.get("name").getAsString(),
              job.get("state").getAsString()));
    }
    return jobs;
  }

  /** Waits until a job not in {@code knownJobIds} (those submitted earlier) is in {@code state}. */
  public Job waitForNewJob(Set<String> knownJobIds, String state, Duration timeout)
      throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    List<Job> jobs = List.of();
    while (Instant.now().isBefore(deadline)) {
      jobs = jobs();
      for (Job job : jobs) {
        if (!knownJobIds.contains(job.id()) && job.state().equals(state)) {
          return job;
        }
      }
      sleep(200);
    }
    throw new IllegalStateException(
        "no new job in state " + state + " after " + timeout + "; jobs: " + jobs);
  }

  /** Ids of all jobs the cluster knows. */
  public Set<String> jobIds() throws IOException {
    Set<String> ids = new TreeSet<>();
    jobs().forEach(job -> ids.add(job.id()));
    return ids;
  }

  /** The job with id {@code jobId}. */
  public Job job(String jobId) throws IOException {
    return jobs().stream()
        .filter(job -> job.id().equals(jobId))
        .findFirst()
        .orElseThrow(() -> new IOException("no job " + jobId + " on " + restUrl()));
  }

  /** Resource ids (e.g. {@code tm-1}) of the TaskManagers running a subtask of job {@code id}. */
  public Set<String> taskManagersRunning(String jobId) throws IOException {
    return taskManagersRunning(jobId, "");
  }

  /**
   * Resource ids of the TaskManagers running a subtask of those vertices of job {@code jobId} whose
   * name contains {@code vertexName} (a Beam step name appears in its Flink vertex name).
   */
  public Set<String> taskManagersRunning(String jobId, String vertexName) throws IOException {
    Set<String> result = new TreeSet<>();
    for (JsonElement v : get("/jobs/" + jobId).getAsJsonArray("vertices")) {
      if (!v.getAsJsonObject().get("name").getAsString().contains(vertexName)) {
        continue;
      }
      String vertex = v.getAsJsonObject().get("id").getAsString();
      JsonArray subtasks = get("/jobs/" + jobId + "/vertices/" + vertex).getAsJsonArray("subtasks");
      for (JsonElement s : subtasks) {
        JsonObject subtask = s.getAsJsonObject();
        if ("RUNNING".equals(subtask.get("status").getAsString())
            && subtask.has("taskmanager-id")) {
          result.add(subtask.get("taskmanager-id").getAsString());
        }
      }
    }
    return result;
  }

  /** Number of failures in the job's exception history (each one triggered a restart). */
  public int failuresOf(String jobId) throws IOException {
    JsonObject history = get("/jobs/" + jobId + "/exceptions").getAsJsonObject("exceptionHistory");
    return history.getAsJsonArray("entries").size();
  }

  /**
   * SIGKILLs the TaskManager with resource id {@code tm-<index>} (pid from its pid file); returns
   * its pid.
   */
  public long killTaskManager(int index) throws IOException {
    Long pid = pidFiles().get("taskmanager-" + index);
    ProcessHandle process = pid == null ? null : processes.get(pid);
    if (process == null || !process.isAlive()) {
      throw new IOException("taskmanager-" + index + " (pid " + pid + ") is not running");
    }
    process.destroyForcibly(); // SIGKILL on Linux: a crash, not a shutdown
    process.onExit().join();
    return pid;
  }

  /** SIGKILLs every TaskManager still alive; returns how many. */
  public int killAllTaskManagers() throws IOException {
    int killed = 0;
    for (var e : pidFiles().entrySet()) {
      ProcessHandle process = processes.get(e.getValue());
      if (e.getKey().startsWith("taskmanager-") && process != null && process.isAlive()) {
        process.destroyForcibly();
        process.onExit().join();
        killed++;
      }
    }
    return killed;
  }

  /** Starts one more TaskManager and waits until it is registered. */
  public void startTaskManager() throws IOException {
    try {
      script("start-taskmanager");
    } finally {
      remember();
    }
  }

  /** Pids of this cluster's JVMs that are still alive. */
  public Set<Long> livePids() {
    Set<Long> alive = new TreeSet<>();
    for (ProcessHandle process : processes.values()) {
      if (process.isAlive()) {
        alive.add(process.pid());
      }
    }
    return alive;
  }

  /** Stops the cluster (TERM, then KILL) and SIGKILLs anything the script left alive. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      script("stop");
    } finally {
      killAll();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run; nothing to remove.
      }
    }
  }

  private void killAll() {
    for (ProcessHandle process : processes.values()) {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> process).join();
      }
    }
  }

  /** Takes handles on the JVMs named in the pid files (right after the script started them). */
  private void remember() throws IOException {
    for (long pid : pidFiles().values()) {
      processes.computeIfAbsent(pid, p -> ProcessHandle.of(p).orElse(null));
    }
  }

  /** Name (file stem, e.g. {@code taskmanager-2}) to pid, from the work dir's pid files. */
  private Map<String, Long> pidFiles() throws IOException {
    Map<String, Long> result = new LinkedHashMap<>();
    Path dir = workDir.resolve("pid");
    if (!Files.isDirectory(dir)) {
      return result;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
      for (Path file : files) {
        String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
        result.put(name, Long.parseLong(Files.readString(file).trim()));
      }
    }
    return result;
  }

  private String script(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    command.add("--workDir=" + workDir);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("OPENAI_API_KEY");
    Process process = builder.start();
    process.getOutputStream().close();
    // The script's JVMs write to their own log files, so the pipe closes when the script exits.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("flink-cluster " + args[0] + " timed out; output:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for flink-cluster " + args[0], e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "flink-cluster " + args[0] + " exited " + process.exitValue() + "; output:\n" + output);
    }
    return output;
  }

  private JsonObject get(String path) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(restUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: GET " + path, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + restUrl() + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
