package org.medinstruct.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only JSONL segments in a local directory, one segment per client instance
 * ({@code journal-<uuid>.jsonl}) so that concurrent writers never interleave and a crashed
 * writer's torn last line is never appended to. Each line is flushed to the OS as soon as the
 * completion arrives, so it survives the JVM being killed.
 */
final class LocalJournal implements Journal {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJournal.class);

  private final Path dir;
  private final Map<String, ChatResponse> entries;
  private OutputStream out;
  private Path segment;

  private LocalJournal(Path dir, Map<String, ChatResponse> entries) {
    this.dir = dir;
    this.entries = entries;
  }

  static LocalJournal open(String directory) {
    Path dir = Path.of(directory);
    Map<String, ChatResponse> entries = new ConcurrentHashMap<>();
    try {
      Files.createDirectories(dir);
      List<Path> segments = new ArrayList<>();
      try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, "journal-*.jsonl")) {
        found.forEach(segments::add);
      }
      // Oldest segment first, so that on equal timestamps the later write wins.
      segments.sort(Comparator.comparing(LocalJournal::modified).thenComparing(Path::toString));
      Map<String, Long> writtenAt = new HashMap<>();
      for (Path segment : segments) {
        read(segment, entries, writtenAt);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot open LLM journal directory " + dir + ": " + e.getMessage(), e);
    }
    if (!entries.isEmpty()) {
      LOG.info("LLM journal {}: {} completions will be reused", dir, entries.size());
    }
    return new LocalJournal(dir, entries);
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static void read(Path segment, Map<String, ChatResponse> entries, Map<String, Long> writtenAt)
      throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          Journal.Entry e = Journal.parse(line);
          Long previous = writtenAt.get(e.key());
          if (previous == null || e.journaledAtMillis() >= previous) {
            entries.put(e.key(), e.response());
            writtenAt.put(e.key(), e.journaledAtMillis());
          }
        } catch (RuntimeException ex) {
          // A crash mid-write leaves a torn last line; that completion is simply requested again.
          LOG.warn("LLM journal {} line {}: unreadable entry ignored ({})", segment, number, ex.getClass().getSimpleName());
        }
      }
    }
  }

  @Override
  public ChatResponse get(String key) {
    return entries.get(key);
  }

  @Override
  public synchronized void put(String key, ChatRequest request, ChatResponse response) throws IOException {
    if (out == null) {
      segment = dir.resolve("journal-" + UUID.randomUUID() + ".jsonl");
      out = Files.newOutputStream(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
    }
    out.write((Journal.toJson(key, request, response) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    entries.put(key, new ChatResponse(response.content(), response.finishReason(),
        response.promptTokens(), response.completionTokens(), 0, true));
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.warn("closing LLM journal segment {}: {}", segment, e.getMessage());
      }
      out = null;
    }
  }
}
