package org.medinstruct.sim;

import java.util.List;

/**
 * One disease in the simulator's vocabulary, with enough clinical detail to write a coherent
 * vignette, question or answer about it.
 */
record Condition(
    String name,
    String topic,
    List<String> symptoms,
    List<String> findings,
    String drug,
    String test,
    String complication) {}
