package org.medinstruct.tasks;

import java.util.ArrayList;
import java.util.List;
import org.medinstruct.model.MedTask;

/**
 * Prints parser and filter throughput on completions built from the default seed set (12 tasks
 * each, GPT-4 layout, half of them without "###"). Not a test: run it by hand, e.g. {@code mvn -q
 * -o -pl transforms exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.medinstruct.tasks.TasksBenchmark}.
 */
public final class TasksBenchmark {
  public static void main(String[] args) {
    List<MedTask> seeds = SeedLoader.loadDefault();
    List<String> completions = new ArrayList<>();
    for (int r = 0; r < 50; r++) {
      StringBuilder sb = new StringBuilder();
      List<MedTask> tasks = SeedSampler.sample(seeds, 12, 1, r);
      for (int i = 0; i < tasks.size(); i++) {
        MedTask t = tasks.get(i);
        if (i > 0) {
          sb.append(i % 2 == 0 ? "###\n" : "\n").append(4 + i).append(". Type:");
        }
        sb.append(' ')
            .append(t.type())
            .append("\nTopic: ")
            .append(t.topic())
            .append("\nView: ")
            .append(t.view())
            .append("\nDifficulty: ")
            .append(t.difficulty())
            .append("\nInstruction: ")
            .append(t.instruction())
            .append("\nInput: ")
            .append(t.input())
            .append('\n');
      }
      completions.add(sb.toString());
    }
    var settings = TaskFilter.FilterSettings.defaults();
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      int parsed = 0;
      int kept = 0;
      int iterations = 200;
      for (int it = 0; it < iterations; it++) {
        for (String c : completions) {
          for (MedTask t : TaskParser.parse(c, "stop", 4).tasks()) {
            parsed++;
            kept += TaskFilter.check(t, settings).isEmpty() ? 1 : 0;
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "round %d: %d completions, %d tasks parsed (%d kept) in %.2f s: "
              + "%.0f completions/s, %.0f tasks/s%n",
          round,
          iterations * completions.size(),
          parsed,
          kept,
          seconds,
          iterations * completions.size() / seconds,
          parsed / seconds);
    }
  }
}
