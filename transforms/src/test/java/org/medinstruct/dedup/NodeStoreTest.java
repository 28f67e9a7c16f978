package org.medinstruct.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NodeStoreTest {
  /** Records of 0 bytes to several chunks, appended from the middle of larger arrays. */
  private static List<byte[]> records(Random rnd) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int len = i % 20 == 0 ? (1 << 20) + rnd.nextInt(1 << 20) : rnd.nextInt(5000);
      byte[] b = new byte[len];
      rnd.nextBytes(b);
      out.add(b);
    }
    return out;
  }

  private static void roundTrip(long limit, boolean expectSpill) {
    Random rnd = new Random(limit);
    List<byte[]> recs = records(rnd);
    try (NodeStore store = new NodeStore(limit)) {
      List<Long> pos = new ArrayList<>();
      for (byte[] b : recs) {
        byte[] padded = new byte[b.length + 7];
        System.arraycopy(b, 0, padded, 3, b.length);
        pos.add(store.append(padded, 3, b.length));
      }
      assertEquals(expectSpill, store.spilled());
      for (int k : new int[] {59, 0, 31, 20, 1, 40, 58}) {
        assertArrayEquals(recs.get(k), store.read(pos.get(k), recs.get(k).length), "record " + k);
      }
    }
  }

  @Test
  void underTheLimit_keepsTheBytesInMemoryAndReadsThemBack() {
    roundTrip(Long.MAX_VALUE, false);
  }

  @Test
  void overTheLimit_movesTheBytesToAFileAndReadsThemBack() {
    roundTrip(3 << 20, true);
    roundTrip(0, true);
  }

  @Test
  void close_removesTheSpillFile() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = spillFiles(tmp);
    try (NodeStore store = new NodeStore(0)) {
      store.append(new byte[] {1, 2, 3}, 0, 3);
      assertTrue(store.spilled());
      assertEquals(before.size() + 1, spillFiles(tmp).size());
      assertArrayEquals(new byte[] {2, 3}, store.read(1, 2));
    }
    assertFalse(spillFiles(tmp).size() > before.size());
  }

  private static List<Path> spillFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("medinstruct-resolve-")).toList();
    }
  }
}
