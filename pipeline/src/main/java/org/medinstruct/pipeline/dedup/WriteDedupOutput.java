package org.medinstruct.pipeline.dedup;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.medinstruct.dedup.ScoredTask;

/**
 * Writes {@code kept.jsonl} (the kept input lines, byte for byte, in input order) and {@code
 * dropped.jsonl} (each dropped record plus {@code nearest}, {@code rougeL} and {@code reason}).
 * Each file goes to a temporary file in the directory and is renamed into place.
 */
final class WriteDedupOutput {
  static final String KEPT = "kept.jsonl";
  static final String DROPPED = "dropped.jsonl";

  private WriteDedupOutput() {}

  /** Counts written: kept, dropped as duplicates, dropped as decontaminated. */
  record Counts(long kept, long duplicate, long decontaminated) {}

  /** {@code raw.get(i)} is line {@code numbers[i]}; {@code scored.get(i)} its decision. */
  static Counts write(Path dir, long[] numbers, List<String> raw, List<ScoredTask> scored)
      throws IOException {
    Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    Path keptTmp = tempFile(dir, KEPT);
    Path droppedTmp = tempFile(dir, DROPPED);
    long k = 0, dup = 0, dec = 0;
    try {
      try (Writer keptOut = Files.newBufferedWriter(keptTmp, StandardCharsets.UTF_8);
          Writer droppedOut = Files.newBufferedWriter(droppedTmp, StandardCharsets.UTF_8)) {
        for (int i = 0; i < raw.size(); i++) {
          ScoredTask d = scored.get(i);
          if (d.kept()) {
            keptOut.write(raw.get(i));
            keptOut.write('\n');
            k++;
            continue;
          }
          JsonObject record = InputRecords.parseObject(raw.get(i), Path.of("input"), numbers[i]);
          record.addProperty("nearest", d.nearest());
          record.addProperty("rougeL", d.rougeL());
          record.addProperty("reason", d.reason());
          droppedOut.write(gson.toJson(record));
          droppedOut.write('\n');
          if (ScoredTask.DECONTAMINATED.equals(d.reason())) {
            dec++;
          } else {
            dup++;
          }
        }
      }
      Files.move(
          keptTmp,
          dir.resolve(KEPT),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          droppedTmp,
          dir.resolve(DROPPED),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(keptTmp);
      Files.deleteIfExists(droppedTmp);
    }
    return new Counts(k, dup, dec);
  }

  private static Path tempFile(Path dir, String name) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: keep the default permissions.
    }
    return tmp;
  }
}
