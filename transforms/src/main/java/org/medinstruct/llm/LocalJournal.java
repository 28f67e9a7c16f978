package org.medinstruct.llm;

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
 * Append-only JSONL segments in a local directory, one segment per client instance ({@code
 * journal-<uuid>.jsonl}) so that concurrent writers never interleave and a crashed writer's torn
 * last line is never appended to. Each line is flushed to the OS as soon as the completion arrives,
 * so it survives the JVM being killed.
 *
 * <p>A miss re-reads what other writers appended since (new segments, and complete lines added to
 * known ones) before the caller pays for the request: on a Flink cluster a task restarted after a
 * TaskManager died finds the completions the dead TaskManager journaled, even when its own JVM
 * opened the journal earlier (its shared client can outlive the failed attempt).
 */
final class LocalJournal implements Journal {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJournal.class);

  /** Torn or unreadable lines found when opening, reported once in summary.json (http counters). */
  private final java.util.concurrent.atomic.AtomicLong damaged =
      new java.util.concurrent.atomic.AtomicLong();

  private final Path dir;
  private final Map<String, ChatResponse> entries;
  // Bytes of complete lines read so far per segment (other writers' segments only grow).
  private final Map<Path, Long> readUpTo;
  private final Map<String, Long> writtenAt;
  private OutputStream out;
  private Path segment;

  private LocalJournal(
      Path dir,
      Map<String, ChatResponse> entries,
      Map<Path, Long> readUpTo,
      Map<String, Long> writtenAt) {
    this.dir = dir;
    this.entries = entries;
    this.readUpTo = readUpTo;
    this.writtenAt = writtenAt;
  }

  static LocalJournal open(String directory) {
    Path dir = Path.of(directory);
    Map<String, ChatResponse> entries = new ConcurrentHashMap<>();
    Map<Path, Long> readUpTo = new HashMap<>();
    Map<String, Long> writtenAt = new HashMap<>();
    java.util.concurrent.atomic.AtomicLong damagedAtOpen =
        new java.util.concurrent.atomic.AtomicLong();
    try {
      Files.createDirectories(dir);
      List<Path> segments = new ArrayList<>();
      try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, "journal-*.jsonl")) {
        found.forEach(segments::add);
      }
      // Oldest segment first, so that on equal timestamps the later write wins.
      segments.sort(Comparator.comparing(LocalJournal::modified).thenComparing(Path::toString));
      for (Path segment : segments) {
        readUpTo.put(segment, read(segment, 0, entries, writtenAt, damagedAtOpen));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot open LLM journal directory " + dir + ": " + e.getMessage(), e);
    }
    if (!entries.isEmpty()) {
      LOG.info("LLM journal {}: {} completions will be reused", dir, entries.size());
    }
    LocalJournal journal = new LocalJournal(dir, entries, readUpTo, writtenAt);
    journal.damaged.set(damagedAtOpen.get());
    return journal;
  }

  @Override
  public long drainDamagedLines() {
    return damaged.getAndSet(0);
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /**
   * Reads the complete lines of {@code segment} from byte {@code from}; returns the offset after
   * the last complete line (a torn or still-being-written last line is left for a later read).
   */
  private static long read(
      Path segment,
      long from,
      Map<String, ChatResponse> entries,
      Map<String, Long> writtenAt,
      java.util.concurrent.atomic.AtomicLong damaged)
      throws IOException {
    byte[] bytes;
    try (java.io.InputStream in = Files.newInputStream(segment)) {
      in.skipNBytes(from);
      bytes = in.readAllBytes();
    }
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    int number = 0;
    for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
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
        // A crash mid-write leaves a torn line; that completion is simply requested again.
        damaged.incrementAndGet();
        LOG.warn(
            "LLM journal {} line {} after byte {}: unreadable entry ignored (that completion will"
                + " be requested again)",
            segment,
            number,
            from);
      }
    }
    // A dead writer's torn last line has no newline and stays unread: that completion is
    // requested again, which is all a torn line ever costs. Said when the journal is opened (later
    // reads may meet a line another live writer is still writing).
    if (from == 0 && end < bytes.length && damaged != null) {
      damaged.incrementAndGet();
      LOG.warn(
          "LLM journal {} line {}: torn last line ({} bytes without a newline; a run was killed"
              + " while writing it?) ignored: that completion will be requested again",
          segment,
          end == 0 ? 1 : number + 1,
          bytes.length - end);
    }
    return from + end;
  }

  /** Reads what other writers appended since the last look; true if anything new was found. */
  private synchronized boolean refresh() {
    int before = entries.size();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, "journal-*.jsonl")) {
      for (Path p : found) {
        if (p.equals(segment)) {
          continue;
        }
        long known = readUpTo.getOrDefault(p, 0L);
        if (Files.size(p) > known) {
          readUpTo.put(p, read(p, known, entries, writtenAt, damaged));
        }
      }
    } catch (IOException e) {
      LOG.warn("LLM journal {}: cannot re-read segments ({})", dir, e.getMessage());
    }
    return entries.size() > before;
  }

  @Override
  public ChatResponse get(String key) {
    ChatResponse found = entries.get(key);
    if (found == null && refresh()) {
      found = entries.get(key);
    }
    return found;
  }

  @Override
  public synchronized void put(String key, ChatRequest request, ChatResponse response)
      throws IOException {
    if (out == null) {
      segment = dir.resolve("journal-" + UUID.randomUUID() + ".jsonl");
      out =
          Files.newOutputStream(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
    }
    out.write(Journal.line(key, request, response));
    out.flush();
    entries.put(key, Journal.served(response));
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
