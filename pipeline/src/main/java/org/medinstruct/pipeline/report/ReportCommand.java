package org.medinstruct.pipeline.report;

import java.nio.file.Path;
import org.medinstruct.model.UserInputException;

/**
 * {@code runners/medinstruct report --input=DIR}: (re)writes DIR/report.html from a run's files.
 *
 * <p>Options are Beam-style {@code --name=value}; the only one is {@code --input}. An unknown
 * option, a missing value or a missing/empty DIR is a {@link UserInputException}.
 */
public final class ReportCommand {
  private ReportCommand() {}

  public static void run(String[] args) {
    String input = null;
    for (String a : args) {
      if (a.startsWith("--input=")) {
        input = a.substring("--input=".length());
      } else {
        throw new UserInputException(
            "report: unknown option " + a + " (usage: medinstruct report --input=DIR)");
      }
    }
    if (input == null || input.isBlank()) {
      throw new UserInputException("report: --input=DIR is required (the run's output directory)");
    }
    Path written = ReportWriter.write(Path.of(input));
    System.out.println("report: wrote " + written);
  }
}
