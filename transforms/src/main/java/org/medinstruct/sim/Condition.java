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
    String complication) {

  /** Parses "name|topic|sym;sym;sym|finding;finding|drug|test|complication". */
  static Condition parse(String line) {
    String[] f = line.split("\\|", -1);
    if (f.length != 7) {
      throw new IllegalArgumentException("bad condition line: " + line);
    }
    return new Condition(
        f[0], f[1], List.of(f[2].split(";")), List.of(f[3].split(";")), f[4], f[5], f[6]);
  }
}
