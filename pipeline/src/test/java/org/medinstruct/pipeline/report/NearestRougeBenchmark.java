package org.medinstruct.pipeline.report;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the nearest-ROUGE-L chart's time, old ({@link NearestRougeReference}) against new ({@link
 * NearestRouge}), on a run directory's accepted instructions, then the whole report, with wall and
 * process CPU time and the load average (not a test): {@code java -cp ...
 * org.medinstruct.pipeline.report.NearestRougeBenchmark RUN_DIR [repeats]}.
 */
public final class NearestRougeBenchmark {
  private NearestRougeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    RunData data = RunData.read(dir);
    List<String> ins = new ArrayList<>();
    data.accepted().forEach(r -> ins.add(r.get("instruction").getAsString()));
    System.out.printf("%d accepted instructions from %s%n", ins.size(), dir);
    for (int r = 0; r < repeats; r++) {
      List<Double> want =
          time("old (DP LCS, linear scan)", () -> NearestRougeReference.compute(ins).scores());
      List<Double> got =
          time("new (index, bound, BitLcs)", () -> NearestRouge.compute(ins).scores());
      System.out.println("identical: " + want.equals(got) + " (" + got.size() + " queries)");
    }
    time(
        "whole report (ReportWriter.write)",
        () -> {
          ReportWriter.write(dir);
          return List.of();
        });
  }

  interface Work {
    List<Double> run() throws Exception;
  }

  private static List<Double> time(String what, Work work) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    List<Double> out = work.run();
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    System.out.printf(
        "%-36s wall %6.2f s, process CPU %6.2f s, load average %.2f%n",
        what, wall, cpu, os.getSystemLoadAverage());
    return out;
  }
}
