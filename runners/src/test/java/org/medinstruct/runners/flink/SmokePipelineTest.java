package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in pipeline itself, on the DirectRunner (the ITs compare Flink against this). */
class SmokePipelineTest {
  @TempDir Path tmp;

  @Test
  void givenRecordsAndKeys_writesOneLinePerRecordIntoOneFile() throws Exception {
    Path out = tmp.resolve("out/result.txt");
    SmokePipeline.Options options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--records=10",
                "--keys=3",
                "--sleepMillis=0",
                "--output=" + out)
            .withValidation()
            .as(SmokePipeline.Options.class);

    assertEquals(PipelineResult.State.DONE, SmokePipeline.run(options));

    List<String> lines = Files.readAllLines(out);
    assertEquals(10, lines.size());
    assertEquals(
        Set.of(
            "key=0 value=0 square=0",
            "key=1 value=1 square=1",
            "key=2 value=2 square=4",
            "key=0 value=3 square=9",
            "key=1 value=4 square=16",
            "key=2 value=5 square=25",
            "key=0 value=6 square=36",
            "key=1 value=7 square=49",
            "key=2 value=8 square=64",
            "key=0 value=9 square=81"),
        new TreeSet<>(lines));
    assertEquals(List.of("result.txt"), List.of(out.getParent().toFile().list()));
  }
}
