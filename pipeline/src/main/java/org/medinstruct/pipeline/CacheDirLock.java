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
 * (pid, host, command, start time, read from {@code DIR/run.lock}). The lock is an OS file lock
 * ({@code fcntl}), held by the process: a killed run never leaves a stale lock behind (its {@code
 * run.lock} file stays, naming the dead run, but holds no lock), so no PID liveness check is
 * needed. Network file systems keep this guarantee only where they support POSIX locks (NFSv4
 * does).
 *
 * <p>Object-store cache dirs ({@code gs://}, {@code s3://}, ...) cannot be locked: they have no
 * locks and no atomic create-if-absent through Beam's FileSystems. Such a run is not refused; it
 * gets an explicit {@link #warning()} instead, which the preflight prints.
 */
public final class CacheDirLock implements AutoCloseable {
  static final String FILE = "run.lock";
  private final FileChannel channel;
  private final FileLock lock;
  private final String warning;

  private CacheDirLock(FileChannel channel, FileLock lock, String warning) {
    this.channel = channel;
    this.lock = lock;
    this.warning = warning;
  }

  public static CacheDirLock acquire(String cacheDir) {
    if (cacheDir == null || cacheDir.isBlank()) {
      return new CacheDirLock(null, null, null);
    }
    if (cacheDir.contains("://") && !cacheDir.startsWith("file://")) {
      return new CacheDirLock(
          null,
          null,
          "--cacheDir "
              + cacheDir
              + " is an object store and cannot be locked: nothing stops a second run on it at the"
              + " same time, and two runs sharing one journal pay twice for the requests both have"
              + " in flight. Run one job per --cacheDir at a time");
    }
    Path dir = Path.of(cacheDir.startsWith("file://") ? cacheDir.substring(7) : cacheDir);
    Path file = dir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM already runs on this cache dir
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new UserInputException(
            "--cacheDir "
                + cacheDir
                + " is in use by another run ("
                + (holder.isEmpty() ? "unknown" : holder)
                + "); two runs on one journal would pay twice for the"
                + " same requests. Wait for it to end, or give this run another --cacheDir");
      }
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap(describeThisRun().getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return new CacheDirLock(channel, lock, null);
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

  /** Why this run is not protected against a concurrent run on its cache dir; null when it is. */
  public String warning() {
    return warning;
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
