package org.medinstruct.runners;

import java.io.PrintStream;
import java.util.Arrays;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.GenerateCommand;
import org.medinstruct.pipeline.Launch;
import org.medinstruct.pipeline.RespondCommand;
import org.medinstruct.pipeline.dedup.DedupCommand;
import org.medinstruct.pipeline.report.ReportCommand;
import org.medinstruct.runners.flink.FlinkJobJar;
import org.medinstruct.sim.SimulatorMain;

/**
 * The command-line launcher: {@code medinstruct <command> [--option=value ...]}. Bad input and
 * bad options exit with status 2 and a message naming the file, record or option; other failures
 * exit with status 1.
 */
public final class Main {
  static final String USAGE =
      String.join(
          "\n",
          "usage: medinstruct <command> [--option=value ...]",
          "commands:",
          "  generate      the whole method: seeds -> tasks -> filters -> dedup -> responses",
          "  respond       responses for an existing JSONL of tasks (--input)",
          "  dedup         exact ROUGE-L dedup of any JSONL (--input, --output, --dedupPolicy)",
          "  report        write DIR/report.html for a finished run (--input=DIR)",
          "  simulate-llm  the simulated OpenAI-compatible endpoint (a test double), --port",
          "Options are Beam-style (--name=value); --help=<command options> lists them.");

  private Main() {}

  public static void main(String[] args) {
    // Submitting to a Flink session cluster stages the slim job jar unless --filesToStage is given.
    Launch.setOptionsHook(FlinkJobJar::stageIfRemote);
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "generate" -> GenerateCommand.run(rest, out);
        case "respond" -> RespondCommand.run(rest, out);
        case "dedup" -> DedupCommand.run(rest);
        case "report" -> ReportCommand.run(rest);
        case "simulate-llm" -> SimulatorMain.run(rest);
        default -> {
          err.println("medinstruct: unknown command '" + args[0] + "'\n" + USAGE);
          return 2;
        }
      }
      return 0;
    } catch (UserInputException | IllegalArgumentException e) {
      err.println("medinstruct " + args[0] + ": error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root instanceof UserInputException) {
        err.println("medinstruct " + args[0] + ": error: " + root.getMessage());
        return 2;
      }
      err.println("medinstruct " + args[0] + ": failed: " + e);
      if (root != e) {
        err.println("  caused by: " + root);
      }
      return 1;
    }
  }
}
