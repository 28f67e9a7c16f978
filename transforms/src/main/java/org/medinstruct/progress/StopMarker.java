package org.medinstruct.progress;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The run-wide stop signal: a worker whose circuit breaker trips writes {@value #FILE} into the
 * run's progress directory (shared by the launcher and every worker, local or any Beam FileSystems
 * path). Other workers then fail every request without sending it, the writer writes nothing, and
 * the launcher cancels the job and exits 5. The marker holds the cause, never the API key.
 */
public final class StopMarker {
  public static final String FILE = "STOPPED.json";

  private StopMarker() {}

  /** Writes the marker (the last writer wins; every writer names a systemic cause). */
  public static void write(String dir, JsonObject cause) throws IOException {
    byte[] bytes = cause.toString().getBytes(StandardCharsets.UTF_8);
    if (!dir.contains("://")) {
      Path d = Path.of(dir);
      Files.createDirectories(d);
      Path tmp = Files.createTempFile(d, "." + FILE, ".tmp");
      Files.write(tmp, bytes);
      Files.move(
          tmp,
          d.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(resource(dir), "application/json"))) {
      out.write(bytes);
    }
  }

  /** The marker's content, or null when the run was not stopped (or dir is null). */
  public static JsonObject read(String dir) {
    if (dir == null || dir.isBlank()) {
      return null;
    }
    try {
      byte[] bytes;
      if (!dir.contains("://")) {
        bytes = Files.readAllBytes(Path.of(dir).resolve(FILE));
      } else {
        MatchResult m = FileSystems.match(dir.replaceAll("/+$", "") + "/" + FILE);
        if (m.status() != MatchResult.Status.OK || m.metadata().isEmpty()) {
          return null;
        }
        try (InputStream in =
            Channels.newInputStream(FileSystems.open(m.metadata().get(0).resourceId()))) {
          bytes = in.readAllBytes();
        }
      }
      return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      // Unreadable now (being written): an empty cause still stops the run.
      return dir.contains("://")
          ? null
          : Files.exists(Path.of(dir).resolve(FILE)) ? new JsonObject() : null;
    }
  }

  private static ResourceId resource(String dir) {
    return FileSystems.matchNewResource(dir, true)
        .resolve(FILE, StandardResolveOptions.RESOLVE_FILE);
  }
}
