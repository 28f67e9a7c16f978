package org.medinstruct.llm;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A successful completion.
 *
 * @param finishReason OpenAI's finish_reason ("stop", "length", ...)
 * @param attempts HTTP attempts made for it (0 when served from the journal)
 * @param fromCache true when it came from the journal and cost nothing
 */
@DefaultCoder(ChatResponseCoder.class)
public record ChatResponse(
    String content,
    String finishReason,
    long promptTokens,
    long completionTokens,
    int attempts,
    boolean fromCache)
    implements Serializable {}
