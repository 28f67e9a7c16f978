package org.medinstruct.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class OutputRecordCoderTest {
  @Test
  void givenRecordWithTabsNewlinesAndNonAscii_roundTripsExactlyAndItsShardLineToo()
      throws Exception {
    OutputRecord r =
        new OutputRecord(
            OutputRecord.REJECTED,
            "dedup|{\"a\":\"x\ty\\\\n\"}\n",
            "{\"instruction\":\"Ärztin — 5 mg\"}");
    byte[] bytes = CoderUtils.encodeToByteArray(OutputRecordCoder.of(), r);
    assertThat(CoderUtils.decodeFromByteArray(OutputRecordCoder.of(), bytes), is(r));
    assertThat(OutputRecord.fromShardLine(r.kind(), r.shardLine()), is(r));
    assertThat("one line", r.shardLine().contains("\n"), is(false));
  }

  @Test
  void givenNullField_refusesToEncode() {
    assertThrows(
        CoderException.class,
        () ->
            CoderUtils.encodeToByteArray(
                OutputRecordCoder.of(), new OutputRecord("accepted", null, "{}")));
  }
}
