package org.medinstruct.llm;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One chat-completion request, independent of the endpoint.
 *
 * @param stage the pipeline stage that sends it ("instructions" or "responses"), for metrics and
 *     cost accounting
 * @param sampleKey the per-element sample index (for example "instructions:42"); part of the
 *     journal key so that two identical prompts sampled for different elements are distinct
 * @param templateVersion a hash of the prompt template; part of the journal key
 * @param stop stop sequences, empty for none
 */
@DefaultCoder(ChatRequestCoder.class)
public record ChatRequest(
    String stage,
    String sampleKey,
    String templateVersion,
    String model,
    List<ChatMessage> messages,
    double temperature,
    double topP,
    double presencePenalty,
    int maxTokens,
    List<String> stop)
    implements Serializable {

  /** The same request with a different max_tokens (context-length retries). */
  public ChatRequest withMaxTokens(int newMaxTokens) {
    return new ChatRequest(
        stage, sampleKey, templateVersion, model, messages, temperature, topP, presencePenalty,
        newMaxTokens, stop);
  }
}
