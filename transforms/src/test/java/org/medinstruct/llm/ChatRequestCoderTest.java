package org.medinstruct.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class ChatRequestCoderTest {
  @Test
  void roundTripsEveryFieldIncludingNulls() throws Exception {
    ChatRequest full = Fixtures.request("héllo ✓");
    ChatRequest sparse =
        new ChatRequest(
            null, null, null, "m", null, 0.1, 0.2, -0.3, 7, Arrays.asList("a", null), null);
    ChatRequest structured = full.withResponseFormat("{\"type\":\"json_schema\"}");
    for (ChatRequest r : List.of(full, sparse, structured)) {
      CoderProperties.coderDecodeEncodeEqual(ChatRequestCoder.of(), r);
      CoderProperties.coderDeterministic(ChatRequestCoder.of(), r, r);
    }
    assertEquals(full, org.apache.beam.sdk.util.CoderUtils.clone(ChatRequestCoder.of(), full));
    assertEquals(
        structured, org.apache.beam.sdk.util.CoderUtils.clone(ChatRequestCoder.of(), structured));
  }
}
