package org.medinstruct.dedup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only bytes that stay in memory up to a limit and then move to a temporary file, read back
 * by position: the serialized nodes of one resolution shard. A dense corpus's giant component holds
 * hundreds of millions of edges, more than a worker's heap; on disk (and in the page cache) only
 * its index stays on the heap, and each node is read when its turn comes.
 */
final class NodeStore implements AutoCloseable {
  private static final int CHUNK = 1 << 20;

  private final long memoryLimit;
  private final List<byte[]> chunks = new ArrayList<>();
  private long size;
  private Path file;
  private OutputStream out;
  private FileChannel channel;

  NodeStore(long memoryLimit) {
    this.memoryLimit = memoryLimit;
  }

  /** Appends {@code len} bytes of {@code b} from {@code off}; returns their position. */
  long append(byte[] b, int off, int len) {
    long at = size;
    try {
      if (file == null && size + len > memoryLimit) {
        spill();
      }
      if (file != null) {
        out.write(b, off, len);
      } else {
        for (int done = 0; done < len; ) {
          int in = (int) (size % CHUNK);
          if (in == 0 && size / CHUNK == chunks.size()) {
            chunks.add(new byte[CHUNK]);
          }
          int n = Math.min(len - done, CHUNK - in);
          System.arraycopy(b, off + done, chunks.get((int) (size / CHUNK)), in, n);
          done += n;
          size += n;
        }
        return at;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the resolution's spill file " + file, e);
    }
    size += len;
    return at;
  }

  /** Whether the bytes moved to a file. */
  boolean spilled() {
    return file != null;
  }

  /** The {@code len} bytes at {@code pos}. */
  byte[] read(long pos, int len) {
    byte[] b = new byte[len];
    try {
      if (file != null) {
        if (channel == null) {
          out.flush();
          channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
          if (channel.read(buf, pos + buf.position()) < 0) {
            throw new IOException("unexpected end of " + file);
          }
        }
        return b;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resolution's spill file " + file, e);
    }
    for (int done = 0; done < len; ) {
      long p = pos + done;
      int in = (int) (p % CHUNK);
      int n = Math.min(len - done, CHUNK - in);
      System.arraycopy(chunks.get((int) (p / CHUNK)), in, b, done, n);
      done += n;
    }
    return b;
  }

  private void spill() throws IOException {
    file = Files.createTempFile("medinstruct-resolve-", ".bin");
    file.toFile().deleteOnExit();
    out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    for (long p = 0; p < size; p += CHUNK) {
      out.write(chunks.get((int) (p / CHUNK)), 0, (int) Math.min(CHUNK, size - p));
    }
    chunks.clear();
  }

  @Override
  public void close() {
    chunks.clear();
    if (file == null) {
      return;
    }
    try {
      if (channel != null) {
        channel.close();
      }
      out.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the resolution's spill file " + file, e);
    }
  }
}
