package org.medinstruct.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.medinstruct.llm.EndpointProbe;
import org.medinstruct.llm.Prices;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.LlmOptions;
import org.medinstruct.pipeline.options.OutputOptions;

/**
 * Checks, in seconds and before the first paid request, what would otherwise fail only after the
 * money is spent: {@code --output} and {@code --cacheDir} can be written (a probe file is created
 * and removed; directories the probe had to create are removed again), the prices of the models are
 * known when {@code --maxCostUsd} is set, no other run is using the same {@code --cacheDir} (see
 * {@link CacheDirLock}; an object-store cache dir cannot be locked, which is printed as a warning),
 * and the endpoint answers and accepts the key ({@link EndpointProbe}: {@code GET /models}, or a
 * 1-token completion when /models is 404; {@code --checkEndpoint=false} skips it). Failures are
 * {@link UserInputException} (exit 2) or {@code EndpointException} (exit 5), one clear message
 * each, with nothing spent. The returned lock is held until the command ends.
 */
public final class Preflight {
  private Preflight() {}

  public static <O extends OutputOptions & LlmOptions> CacheDirLock check(
      O options, Endpoint endpoint, List<String> models, PrintStream out) {
    writable("--output", options.getOutput());
    String cacheDir = options.getCacheDir();
    if (cacheDir != null && !cacheDir.isBlank()) {
      writable("--cacheDir", cacheDir);
    }
    if (options.getMaxCostUsd() > 0) {
      Prices prices = Endpoint.prices(options);
      List<String> unknown = new ArrayList<>();
      for (String m : new LinkedHashSet<>(models)) {
        if (!prices.knows(m)) {
          unknown.add(m);
        }
      }
      if (!unknown.isEmpty()) {
        throw new UserInputException(
            "--maxCostUsd is set but no price is known for "
                + String.join(", ", unknown)
                + ": add it to a --modelsFile or --pricesFile (USD per 1M prompt and completion"
                + " tokens), or the budget cannot be kept");
      }
    }
    CacheDirLock lock = CacheDirLock.acquire(cacheDir);
    if (lock.warning() != null) {
      out.println("preflight: WARNING: " + lock.warning());
    }
    try {
      if (endpoint.simulated()) {
        return lock;
      }
      if (!options.getCheckEndpoint()) {
        out.println("preflight: endpoint check skipped (--checkEndpoint=false)");
        return lock;
      }
      if (!endpoint.settings().stop().keyExpected() && remoteWorkers(options)) {
        // The launcher has no key, but the workers of a cluster may (a key given to the
        // TaskManagers only): the key cannot be checked from here. A worker without a valid key
        // stops the run in seconds (systemic stop, exit 5).
        out.println(
            "preflight: endpoint key check left to the workers (no API key in the launcher; the"
                + " workers must have OPENAI_API_KEY or --llmApiKeyFile, see runners/FLINK.md)");
        return lock;
      }
      EndpointProbe.Method how =
          EndpointProbe.check(endpoint.settings(), models.isEmpty() ? null : models.get(0));
      out.println(
          "preflight: endpoint "
              + endpoint.settings().baseUrl()
              + " answers and accepts the key ("
              + (how == EndpointProbe.Method.MODELS
                  ? "GET /models"
                  : "a 1-token completion; /models is 404")
              + ")");
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** True when the workers are other processes (any runner but the Direct Runner). */
  static boolean remoteWorkers(org.apache.beam.sdk.options.PipelineOptions options) {
    Class<?> runner = options.getRunner();
    return runner != null && !runner.getSimpleName().equals("DirectRunner");
  }

  /** Creates and removes a probe file in DIR (a local path; object-store paths are not probed). */
  static void writable(String option, String dir) {
    if (dir == null || dir.isBlank() || (dir.contains("://") && !dir.startsWith("file://"))) {
      return;
    }
    Path path = Path.of(dir.startsWith("file://") ? dir.substring(7) : dir).toAbsolutePath();
    Path firstCreated = null;
    for (Path p = path; p != null && !Files.exists(p); p = p.getParent()) {
      firstCreated = p;
    }
    try {
      Files.createDirectories(path);
      Path probe = Files.createTempFile(path, ".medinstruct-probe-", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new UserInputException(option + ": cannot write to " + dir + " (" + reason(e) + ")");
    } finally {
      if (firstCreated != null) {
        deleteUpTo(path, firstCreated);
      }
    }
  }

  /** Removes the empty directories the probe created, from {@code path} up to {@code top}. */
  private static void deleteUpTo(Path path, Path top) {
    for (Path p = path; p != null; p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        return; // not empty or not ours: leave it
      }
      if (p.equals(top)) {
        return;
      }
    }
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "it does not exist and cannot be created there";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file is in the way of the directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? "I/O error" : e.getMessage();
  }
}
