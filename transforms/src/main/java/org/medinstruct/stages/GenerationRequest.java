package org.medinstruct.stages;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One instruction-generation request: the global, run-wide request index (which alone, with the run
 * seed, fixes which seed tasks go into its prompt), the round that planned it, and, once the prompt
 * is built, the ids of the seeds in it.
 */
@DefaultCoder(GenerationRequestCoder.class)
public record GenerationRequest(long index, int round, List<String> seedIds)
    implements Serializable {
  public static GenerationRequest planned(long index, int round) {
    return new GenerationRequest(index, round, List.of());
  }
}
