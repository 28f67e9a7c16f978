package org.medinstruct.pipeline.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints how long the report takes for fixtures of growing size (not a test): {@code java -cp ...
 * org.medinstruct.pipeline.report.ReportBenchmark 1000 5000 20000}.
 */
public final class ReportBenchmark {
  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    VerbNounExtractor.get();
    for (String a : args) {
      int n = Integer.parseInt(a);
      Path dir = Files.createTempDirectory("report-bench-");
      RunFixture.writeFast(dir, n, 42);
      RunData data = RunData.read(dir);
      List<String> ins = new ArrayList<>();
      data.accepted().forEach(r -> ins.add(r.get("instruction").getAsString()));
      long t0 = System.nanoTime();
      NearestRouge.Result res = NearestRouge.compute(ins);
      long t1 = System.nanoTime();
      ReportWriter.write(dir);
      long t2 = System.nanoTime();
      System.out.printf(
          "n=%d nearest-ROUGE-L (%s, %d queries) %.2f s; whole report %.2f s%n",
          n,
          res.sampled() ? "sample" : "all pairs",
          res.scores().size(),
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9);
    }
  }
}
