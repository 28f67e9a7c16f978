package org.medinstruct.model;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A quality rejection: data, not an error. {@code reason} is a short stable code (for example
 * {@code instruction_too_short}); {@code detail} says more; {@code element} is the rejected element
 * as JSON.
 */
@DefaultCoder(RejectionCoder.class)
public record Rejection(String stage, String reason, String detail, String element)
    implements Serializable {}
