package org.medinstruct.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * AlpaCare's reference files (CC BY-NC 4.0) are read from the shared data directory, never copied
 * into the repository: {@code $MEDINSTRUCT_SHARED_DATA}, else the first {@code shared/data} found
 * walking up from the working directory (the worktree's {@code ../shared}).
 */
public final class SharedData {
  private SharedData() {}

  /** {@code alpacare/<name>} under the shared data directory, when it exists. */
  public static Optional<Path> alpacare(String name) {
    String env = System.getenv("MEDINSTRUCT_SHARED_DATA");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env, "alpacare", name);
      return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared").resolve("data").resolve("alpacare").resolve(name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
