package org.medinstruct.stages;

import java.io.Serializable;

/** The sampling parameters one stage sends to its model. */
public record ModelParams(
    String model, double temperature, double topP, double presencePenalty, int maxTokens)
    implements Serializable {}
