package org.medinstruct.sim;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the simulator's counters.
 *
 * @param requests every HTTP request received on any path
 * @param chatRequests POST /v1/chat/completions requests
 * @param byStatus responses sent, by HTTP status (dropped connections have none)
 * @param droppedConnections connections closed without a response (an injected fault)
 * @param malformedBodies 200 responses with a deliberately malformed JSON body
 * @param completions 200 chat completions served with a well-formed body
 * @param duplicateCompletions completions served for a request body already answered with one: each
 *     would be a second payment for the same work against a paid API
 * @param promptTokens summed prompt_tokens of the completions
 * @param completionTokens summed completion_tokens of the completions
 * @param largestRequestBytes the largest request body received, on any path
 */
public record SimStats(
    long requests,
    long chatRequests,
    Map<Integer, Long> byStatus,
    long droppedConnections,
    long malformedBodies,
    long completions,
    long duplicateCompletions,
    long promptTokens,
    long completionTokens,
    long largestRequestBytes) {

  public SimStats {
    byStatus = Map.copyOf(byStatus);
  }

  public long status(int code) {
    return byStatus.getOrDefault(code, 0L);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("requests", requests);
    o.addProperty("chat_requests", chatRequests);
    JsonObject s = new JsonObject();
    new TreeMap<>(byStatus).forEach((k, v) -> s.addProperty(Integer.toString(k), v));
    o.add("by_status", s);
    o.addProperty("dropped_connections", droppedConnections);
    o.addProperty("malformed_bodies", malformedBodies);
    o.addProperty("completions", completions);
    o.addProperty("duplicate_completions", duplicateCompletions);
    o.addProperty("prompt_tokens", promptTokens);
    o.addProperty("completion_tokens", completionTokens);
    o.addProperty("largest_request_bytes", largestRequestBytes);
    o.addProperty("note", "simulated LLM endpoint (test double for a paid API)");
    return o;
  }
}
