package org.medinstruct.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.medinstruct.model.UserInputException;

/**
 * One run at a time per local {@code --cacheDir}: two runs sharing a journal at once would each pay
 * for the requests the other has in flight (the journal is read before paying, but an answer in
 * flight is not in it yet). The second run refuses to start (exit 2) and names the running one
 * (pid, host, command, start time, read from {@code DIR/run.lock}). The lock is an OS file lock, so
 * a killed run never leaves a stale lock behind. Object-store cache dirs are not locked.
 */
public final class CacheDirLock implements AutoCloseable {
  static final String FILE = "run.lock";
  private final FileChannel channel;
  private final FileLock lock;

  private CacheDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static CacheDirLock acquire(String cacheDir) {
    if (cacheDir == null || cacheDir.isBlank() || (cacheDir.contains("://") && !cacheDir.startsWith("file://"))) {
      return new CacheDirLock(null, null);
    }
    Path dir = Path.of(cacheDir.startsWith("file://") ? cacheDir.substring(7) : cacheDir);
    Path file = dir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM already runs on this cache dir
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new UserInputException("--cacheDir " + cacheDir + " is in use by another run ("
            + (holder.isEmpty() ? "unknown" : holder) + "); two runs on one journal would pay twice for the"
            + " same requests. Wait for it to end, or give this run another --cacheDir");
      }
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap(describeThisRun().getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return new CacheDirLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UserInputException("--cacheDir: cannot lock " + file + " (" + e.getMessage() + ")");
    }
  }

  private static String describeThisRun() {
    String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    String command = System.getProperty("medinstruct.command", "medinstruct");
    return "pid@host " + runtime + ", " + command + ", started " + Instant.now() + "\n";
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing to release
      }
    }
  }

  @Override
  public void close() {
    if (lock != null) {
      try {
        channel.truncate(0);
        lock.release();
      } catch (IOException ignored) {
        // the OS releases it with the process anyway
      }
      closeQuietly(channel);
    }
  }
}
