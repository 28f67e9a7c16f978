package org.medinstruct.pipeline;

import java.io.Serializable;

/**
 * One line bound for an output file, with the key that orders it there. Kinds: accepted,
 * rejected, failed, usage, round.
 */
public record OutputRecord(String kind, String sortKey, String json) implements Serializable {
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  public static final String FAILED = "failed";
  public static final String USAGE = "usage";
  public static final String ROUND = "round";
}
