package org.medinstruct.pipeline.dedup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;

/** LineChunk (arrays, so compared field by field) travels through LineChunkCoder. */
class LineChunkCoderTest {
  @Test
  void roundTripsLinesWithNullsEmptyTextsAndUnicode() throws Exception {
    LineChunk chunk =
        new LineChunk(
            new long[] {1, 2, 3, Long.MAX_VALUE},
            new String[] {
              "{\"instruction\":\"a\"}", "", "{\"instruction\":\"\u0130 \ud83e\ude7a\"}", null
            },
            new String[] {"a", "", "\u0130 \ud83e\ude7a", null});
    for (LineChunk c :
        new LineChunk[] {chunk, new LineChunk(new long[0], new String[0], new String[0])}) {
      LineChunk back = CoderUtils.clone(LineChunkCoder.of(), c);
      assertArrayEquals(c.numbers(), back.numbers());
      assertArrayEquals(c.raw(), back.raw());
      assertArrayEquals(c.instructions(), back.instructions());
      // Deterministic: an equal chunk built separately encodes to the same bytes.
      assertArrayEquals(
          CoderUtils.encodeToByteArray(LineChunkCoder.of(), c),
          CoderUtils.encodeToByteArray(
              LineChunkCoder.of(),
              new LineChunk(c.numbers().clone(), c.raw().clone(), c.instructions().clone())));
    }
    CoderProperties.coderSerializable(LineChunkCoder.of());
  }

  @Test
  void refusesArraysOfDifferentLengths() {
    assertThrows(
        CoderException.class,
        () ->
            CoderUtils.encodeToByteArray(
                LineChunkCoder.of(),
                new LineChunk(new long[] {1}, new String[0], new String[] {"a"})));
  }

  @Test
  void registryPicksIt() throws Exception {
    assertThat(
        CoderRegistry.createDefault().getCoder(TypeDescriptor.of(LineChunk.class)),
        is(LineChunkCoder.of()));
  }
}
