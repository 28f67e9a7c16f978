package org.medinstruct.tasks;

import java.io.Serializable;

/**
 * Why a task or a response failed a quality filter: {@code reason} is a short stable code (for
 * example {@code instruction_too_short}) suitable for counting; {@code detail} is for humans.
 */
public record QualityIssue(String reason, String detail) implements Serializable {}
