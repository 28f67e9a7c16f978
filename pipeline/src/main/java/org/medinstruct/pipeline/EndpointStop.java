package org.medinstruct.pipeline;

import com.google.gson.JsonObject;
import org.medinstruct.model.EndpointException;
import org.medinstruct.model.FailureKind;

/**
 * Turns a worker's {@link org.medinstruct.progress.StopMarker} into the one message the launcher
 * prints before exiting 5: the cause, where it happened, and the fix. Never contains the key.
 */
final class EndpointStop {
  private EndpointStop() {}

  static EndpointException exception(JsonObject marker, String runner, String output) {
    return new EndpointException(message(marker, runner) + "; nothing was written to " + output);
  }

  static String message(JsonObject m, String runner) {
    boolean flink = runner != null && runner.contains("Flink");
    String workers = flink ? "the Flink workers" : "the workers";
    FailureKind kind = FailureKind.fromLabel(str(m, "kind", ""));
    String url = str(m, "url", "the endpoint");
    String error = str(m, "error", "another worker stopped the run");
    int status = m.has("status") ? m.get("status").getAsInt() : 0;
    String keySource = str(m, "key_source", "env OPENAI_API_KEY");
    boolean workerHasKey = !m.has("worker_has_key") || m.get("worker_has_key").getAsBoolean();
    String keyFix =
        flink
            ? "give the TaskManagers OPENAI_API_KEY (start the cluster with `runners/flink-cluster"
                + " start` where OPENAI_API_KEY is set, or with --llmApiKeyFile=FILE), or pass"
                + " --llmApiKeyFile with a path every worker reads; see runners/FLINK.md"
            : "set OPENAI_API_KEY or --llmApiKeyFile to a valid key";
    if (kind == FailureKind.NO_KEY) {
      return "stopped before sending: "
          + workers
          + " have no API key ("
          + keySource
          + " is not set there) although the launcher has one: "
          + keyFix;
    }
    if (kind == FailureKind.KEY_REFUSED) {
      String whose = workerHasKey ? "the API key" : "the requests without an API key";
      return "the endpoint refused "
          + whose
          + " on "
          + workers
          + " (HTTP "
          + status
          + " at "
          + url
          + ", key from "
          + keySource
          + "): "
          + keyFix;
    }
    if (kind == FailureKind.NOT_FOUND) {
      return "the endpoint answered HTTP 404 at "
          + url
          + ": the model or the URL does not exist ("
          + error
          + "); check --instructionModel/--responseModel and --llmBaseUrl (it usually ends in /v1)";
    }
    if (kind == FailureKind.BAD_PARAMETER) {
      return "the endpoint rejected the model or a request parameter (HTTP 400 at "
          + url
          + ": "
          + error
          + "); check the model names and the generation options";
    }
    if (kind == FailureKind.MALFORMED) {
      return "the endpoint at "
          + url
          + " kept answering HTTP 200 with a body that is not a chat completion ("
          + str(m, "rule", "")
          + "; last: "
          + error
          + "): is --llmBaseUrl an OpenAI-compatible /v1 URL, or is a proxy answering in its place?"
          + " Rerun with the same --cacheDir once it answers (completed requests are journaled and"
          + " not paid again); the thresholds are --breakerWindow and --breakerFailureRate";
    }
    if (kind == FailureKind.SERVER_ERROR || kind == FailureKind.UNREACHABLE) {
      return "the endpoint at "
          + url
          + " kept failing after every retry ("
          + str(m, "rule", "")
          + "; last: "
          + error
          + "): it is down, unreachable or overloaded. Rerun later with the same --cacheDir"
          + " (completed requests are journaled and not paid again); the thresholds are"
          + " --breakerWindow and --breakerFailureRate";
    }
    return "the run was stopped by a systemic endpoint failure: " + error;
  }

  private static String str(JsonObject o, String key, String otherwise) {
    return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : otherwise;
  }
}
