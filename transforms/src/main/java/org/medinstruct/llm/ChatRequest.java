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
 * @param responseFormat the {@code response_format} object as JSON text (structured output), or
 *     null for plain text; while it is set the body carries no stop sequences (they could cut the
 *     JSON), and {@link #withoutResponseFormat} gives back the plain-text request with its stops
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
    List<String> stop,
    String responseFormat)
    implements Serializable {

  /** The same request with a different max_tokens (context-length retries). */
  public ChatRequest withMaxTokens(int newMaxTokens) {
    return copy(newMaxTokens, responseFormat);
  }

  /** The same request asking for structured output ({@code response_format}, JSON text). */
  public ChatRequest withResponseFormat(String format) {
    return copy(maxTokens, format);
  }

  private ChatRequest copy(int newMaxTokens, String newFormat) {
    return new ChatRequest(
        stage(),
        sampleKey(),
        templateVersion(),
        model(),
        messages(),
        temperature(),
        topP(),
        presencePenalty(),
        newMaxTokens,
        stop(),
        newFormat);
  }

  /** The plain-text request: no response_format, the stop sequences sent again. */
  public ChatRequest withoutResponseFormat() {
    return withResponseFormat(null);
  }
}
