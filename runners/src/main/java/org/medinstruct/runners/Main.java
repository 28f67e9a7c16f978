package org.medinstruct.runners;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.medinstruct.model.EndpointException;
import org.medinstruct.model.ExitStatus;
import org.medinstruct.model.RunStatusException;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.GenerateCommand;
import org.medinstruct.pipeline.LiveLine;
import org.medinstruct.pipeline.RespondCommand;
import org.medinstruct.pipeline.Terminal;
import org.medinstruct.pipeline.dedup.DedupCommand;
import org.medinstruct.pipeline.report.ReportCommand;

/**
 * The command-line launcher: {@code medinstruct <command> [--option=value ...]}. Exit statuses
 * follow {@link ExitStatus}: 0 done as asked, 2 bad input or options (a message names the file,
 * record or option), 3 target not met, 4 stopped by the budget, 5 the endpoint refused or was
 * unreachable, 1 anything else.
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
          "  filter        the task filters of generate over any task file (--input, --output)",
          "  report        write DIR/report.html for a finished run (--input=DIR)",
          "  simulate-llm  the simulated OpenAI-compatible endpoint (a test double), --port",
          "  export        Hugging Face-ready copy of a run: --input=RUN_DIR --to=DIR (Parquet +"
              + " card)",
          "Options are Beam-style (--name=value); `medinstruct <command> --help` lists a command's",
          "options (add --runner=FlinkRunner for the runner's own).");

  private Main() {}

  public static void main(String[] args) {
    org.medinstruct.runners.flink.FlinkLaunchHooks.install();
    if (Terminal.interactive()) {
      // A live progress bar on the terminal's last line; everything else printed erases it first.
      LiveLine live =
          new LiveLine(
              new FileOutputStream(FileDescriptor.out), Terminal.columns(), terminalCharset());
      System.setOut(live.out());
      System.setErr(live.clearingFirst(new FileOutputStream(FileDescriptor.err)));
    }
    System.exit(run(args, System.out, System.err));
  }

  /** What the terminal decodes: Java 17 names it for a console stdout, else the locale's. */
  private static Charset terminalCharset() {
    try {
      return Charset.forName(
          System.getProperty(
              "sun.stdout.encoding", System.getProperty("native.encoding", "UTF-8")));
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      if (CommandHelp.asked(rest) && CommandHelp.optionsOf(args[0]).isPresent()) {
        CommandHelp.print(args[0], rest, out);
        return 0;
      }
      CommandHelp.refuseForeignOptions(args[0], rest);
      OptionCheck.check(args[0], rest);
      switch (args[0]) {
        case "generate", "respond" -> {
          boolean parquet = ExportModule.parquetRequested(rest);
          if (args[0].equals("generate")) {
            GenerateCommand.run(rest, out);
          } else {
            RespondCommand.run(rest, out);
          }
          if (parquet) {
            ExportModule.writeParquet(rest, out);
          }
        }
        case "export" -> ExportModule.export(rest, out);
        case "dedup" -> DedupCommand.run(rest);
        case "filter" -> org.medinstruct.pipeline.filter.FilterCommand.run(rest, out);
        case "report" -> ReportCommand.run(rest);
        case "simulate-llm" -> SimulatorCommand.run(rest);
        default -> {
          err.println("medinstruct: unknown command '" + args[0] + "'\n" + USAGE);
          return 2;
        }
      }
      return 0;
    } catch (Exception e) {
      return exitStatus(args[0], e, err);
    }
  }

  /**
   * The exit status of a command that threw {@code e}, with its message on {@code err}. Only typed
   * exceptions say what happened: {@link UserInputException} (bad input or options, exit 2; the
   * options parser's errors become one where the options are parsed), {@link EndpointException} (5)
   * and {@link RunStatusException} (its status). Anything else, an IllegalArgumentException
   * included, is a bug in medinstruct: exit 1 with the stack trace.
   */
  static int exitStatus(String command, Exception e, PrintStream err) {
    Throwable known = knownCause(e);
    if (known instanceof UserInputException) {
      err.println("medinstruct " + command + ": error: " + known.getMessage());
      return ExitStatus.BAD_INPUT.code();
    }
    if (known instanceof EndpointException) {
      err.println("medinstruct " + command + ": endpoint error: " + known.getMessage());
      return ExitStatus.ENDPOINT_FAILED.code();
    }
    if (known instanceof RunStatusException r) {
      err.println("medinstruct " + command + ": " + r.getMessage());
      return r.status().code();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    err.println("medinstruct " + command + ": failed: " + e);
    if (root != e) {
      err.println("  caused by: " + root);
    }
    err.println(
        "  this is not a problem with your input: it looks like a bug in medinstruct; please"
            + " report it with the stack trace below");
    e.printStackTrace(err);
    return ExitStatus.FAILED.code();
  }

  /** The first exception in the cause chain that carries an exit status of its own, else null. */
  static Throwable knownCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UserInputException
          || t instanceof EndpointException
          || t instanceof RunStatusException) {
        return t;
      }
    }
    return null;
  }
}
