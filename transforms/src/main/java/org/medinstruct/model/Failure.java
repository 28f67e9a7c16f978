package org.medinstruct.model;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A request or element that failed after all retries: the single dead-letter record type shared by
 * every stage. {@code element} is the original element as JSON so it can be replayed; {@code
 * status} is the last HTTP status (0 when none arrived), {@code attempts} the HTTP attempts and
 * {@code kind} why, as a type.
 */
@DefaultCoder(FailureCoder.class)
public record Failure(
    String stage,
    String element,
    String error,
    boolean retryable,
    int status,
    int attempts,
    FailureKind kind)
    implements Serializable {}
