package org.medinstruct.pipeline;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One line bound for an output file, with the key that orders it there. Kinds: accepted, rejected,
 * failed, usage, round; and pool, a round's tasks that later rounds dedup against (not part of the
 * dataset).
 */
@DefaultCoder(OutputRecordCoder.class)
public record OutputRecord(String kind, String sortKey, String json) implements Serializable {
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  public static final String FAILED = "failed";
  public static final String USAGE = "usage";
  public static final String ROUND = "round";
  public static final String POOL = "pool";

  /** The kinds a job writes as shards (rounds are recorded by the driver). */
  public static final java.util.List<String> SHARDED =
      java.util.List.of(ACCEPTED, REJECTED, FAILED, USAGE, POOL);

  /** The shard line: the sort key (tabs, newlines and backslashes escaped), a tab, the JSON. */
  public String shardLine() {
    return escape(sortKey) + '\t' + json;
  }

  /** Reads a {@link #shardLine()} back. */
  public static OutputRecord fromShardLine(String kind, String line) {
    int tab = line.indexOf('\t');
    if (tab < 0) {
      throw new IllegalArgumentException("not a shard line of kind " + kind + ": no tab");
    }
    return new OutputRecord(kind, unescape(line.substring(0, tab)), line.substring(tab + 1));
  }

  static String escape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
