package org.medinstruct.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal on any Beam {@link FileSystems} path (gs://, s3://, ...), where appending is not
 * possible: one small object per completion, {@code <cacheDir>/entries/<key>.json}. Object stores
 * make an object visible only once it is closed, so a crash never leaves a torn entry; on a local
 * file system a torn file is ignored with a warning.
 */
final class ObjectStoreJournal implements Journal {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreJournal.class);

  private final String entriesDir;
  private final Map<String, ChatResponse> entries;

  private ObjectStoreJournal(String entriesDir, Map<String, ChatResponse> entries) {
    this.entriesDir = entriesDir;
    this.entries = entries;
  }

  static ObjectStoreJournal open(String cacheDir) {
    String dir = cacheDir.endsWith("/") ? cacheDir + "entries/" : cacheDir + "/entries/";
    Map<String, ChatResponse> entries = new ConcurrentHashMap<>();
    try {
      MatchResult match = FileSystems.match(dir + "*.json", EmptyMatchTreatment.ALLOW);
      if (match.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata m : match.metadata()) {
          readEntry(m.resourceId(), entries);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot list LLM journal " + dir + ": " + e.getMessage(), e);
    }
    return new ObjectStoreJournal(dir, entries);
  }

  private static void readEntry(ResourceId id, Map<String, ChatResponse> entries)
      throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Journal.Entry e = Journal.parse(text.strip());
      entries.put(e.key(), e.response());
    } catch (RuntimeException ex) {
      LOG.warn("LLM journal entry {} unreadable, ignored ({})", id, ex.getClass().getSimpleName());
    }
  }

  @Override
  public ChatResponse get(String key) {
    ChatResponse found = entries.get(key);
    if (found == null) {
      // Another worker (e.g. a TaskManager that has since died) may have journaled it after this
      // journal was opened: one look at that key's object before the caller pays again.
      try {
        MatchResult match =
            FileSystems.match(entriesDir + key + ".json", EmptyMatchTreatment.ALLOW);
        if (match.status() == MatchResult.Status.OK && !match.metadata().isEmpty()) {
          readEntry(match.metadata().get(0).resourceId(), entries);
          found = entries.get(key);
        }
      } catch (IOException e) {
        LOG.warn("LLM journal {}: cannot look up an entry ({})", entriesDir, e.getMessage());
      }
    }
    return found;
  }

  @Override
  public void put(String key, ChatRequest request, ChatResponse response) throws IOException {
    ResourceId id = FileSystems.matchNewResource(entriesDir + key + ".json", false);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(id, MimeTypes.TEXT))) {
      out.write(Journal.line(key, request, response));
    }
    entries.put(key, Journal.served(response));
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public void close() {}
}
