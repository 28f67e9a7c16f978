package org.medinstruct.llm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches of a cache directory ({@code <cacheDir>/batches/ledger-*.jsonl}, one file per client,
 * append-only, each line synced before the next step): an {@code intent} (an uploaded input file
 * and the journal keys in it) is written before its batch is created, {@code created} once the
 * provider returned the batch id, {@code collected} once every line is journaled or handed back for
 * retry. A restarted run reads every ledger file and re-attaches to created batches, and finds the
 * batch of an intent without {@code created} by its input file, so it never creates a batch twice.
 */
final class BatchLedger {
  private static final Logger LOG = LoggerFactory.getLogger(BatchLedger.class);

  /** One request of a submission: enough to journal its completion without the original request. */
  record Line(String key, String stage, String sampleKey, String model) {}

  /** An input file and what became of it. */
  static final class Submission {
    final String fileId;
    final List<Line> lines;
    String batchId;
    boolean collected;

    Submission(String fileId, List<Line> lines) {
      this.fileId = fileId;
      this.lines = lines;
    }
  }

  private final Path dir;
  private final Path mine;

  private BatchLedger(Path dir) {
    this.dir = dir;
    this.mine = dir.resolve("ledger-" + UUID.randomUUID() + ".jsonl");
  }

  static BatchLedger open(String cacheDir) {
    if (cacheDir == null || cacheDir.isBlank()) {
      throw new IllegalArgumentException(
          "batch mode needs --cacheDir: batch ids are kept there for a restarted run");
    }
    if (cacheDir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !cacheDir.startsWith("file://")) {
      throw new IllegalArgumentException(
          "batch mode needs a local or shared-filesystem --cacheDir, not " + cacheDir);
    }
    Path dir =
        Path.of(cacheDir.startsWith("file://") ? cacheDir.substring(7) : cacheDir, "batches");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return new BatchLedger(dir);
  }

  /** Every submission in every ledger file of the directory, by input file id. */
  synchronized Map<String, Submission> read() throws IOException {
    Map<String, Submission> byFile = new LinkedHashMap<>();
    Map<String, String> fileOfBatch = new LinkedHashMap<>();
    List<JsonObject> later = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "ledger-*.jsonl")) {
      for (Path f : files) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          JsonObject o;
          try {
            o = JsonParser.parseString(line).getAsJsonObject();
          } catch (RuntimeException torn) {
            LOG.warn("skipping a torn line of batch ledger {}", f);
            continue;
          }
          if ("intent".equals(o.get("event").getAsString())) {
            List<Line> lines = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("lines")) {
              JsonArray a = e.getAsJsonArray();
              lines.add(
                  new Line(
                      a.get(0).getAsString(),
                      a.get(1).getAsString(),
                      a.get(2).getAsString(),
                      a.get(3).getAsString()));
            }
            byFile.put(
                o.get("file").getAsString(), new Submission(o.get("file").getAsString(), lines));
          } else {
            later.add(o);
          }
        }
      }
    }
    for (JsonObject o : later) {
      if ("created".equals(o.get("event").getAsString())) {
        fileOfBatch.put(o.get("batch").getAsString(), o.get("file").getAsString());
        Submission s = byFile.get(o.get("file").getAsString());
        if (s != null) {
          s.batchId = o.get("batch").getAsString();
        }
      }
    }
    for (JsonObject o : later) {
      if ("collected".equals(o.get("event").getAsString())) {
        Submission s = byFile.get(fileOfBatch.get(o.get("batch").getAsString()));
        if (s != null) {
          s.collected = true;
        }
      }
    }
    return byFile;
  }

  synchronized void intent(String fileId, List<Line> lines) throws IOException {
    JsonObject o = event("intent");
    o.addProperty("file", fileId);
    JsonArray a = new JsonArray();
    for (Line l : lines) {
      JsonArray e = new JsonArray();
      e.add(l.key());
      e.add(l.stage());
      e.add(l.sampleKey());
      e.add(l.model());
      a.add(e);
    }
    o.add("lines", a);
    append(o);
  }

  synchronized void created(String fileId, String batchId) throws IOException {
    JsonObject o = event("created");
    o.addProperty("file", fileId);
    o.addProperty("batch", batchId);
    append(o);
  }

  synchronized void collected(String batchId) throws IOException {
    JsonObject o = event("collected");
    o.addProperty("batch", batchId);
    append(o);
  }

  private static JsonObject event(String name) {
    JsonObject o = new JsonObject();
    o.addProperty("event", name);
    o.addProperty("atMillis", System.currentTimeMillis());
    return o;
  }

  private void append(JsonObject o) throws IOException {
    try (FileOutputStream out = new FileOutputStream(mine.toFile(), true)) {
      out.write((o + "\n").getBytes(StandardCharsets.UTF_8));
      out.getFD().sync();
    }
  }
}
