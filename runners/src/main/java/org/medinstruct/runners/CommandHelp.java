package org.medinstruct.runners;

import java.io.PrintStream;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.dedup.DedupOptions;
import org.medinstruct.pipeline.filter.FilterOptions;
import org.medinstruct.pipeline.options.GenerateOptions;
import org.medinstruct.pipeline.options.MedInstructOptionsRegistrar;
import org.medinstruct.pipeline.options.OptionsHelp;
import org.medinstruct.pipeline.options.RespondOptions;
import org.medinstruct.pipeline.report.ReportOptions;

/**
 * {@code medinstruct <command> --help}: that command's options, grouped, with defaults, one line
 * each ({@link OptionsHelp}); Beam's runner options only with {@code --runner=NAME}. {@code
 * --help=<OptionsInterface>} prints one of the interfaces registered with Beam.
 */
final class CommandHelp {
  /** The options interface of each command (simulate-llm's when the simulator is there). */
  static final Map<String, Class<? extends PipelineOptions>> OPTIONS = commandOptions();

  /** Commands that run a Beam pipeline and so take {@code --runner}. */
  static final java.util.Set<String> PIPELINES = java.util.Set.of("generate", "respond", "dedup");

  /** Commands whose options Beam's parser reads (it accepts any registered interface's options). */
  static final java.util.Set<String> BEAM_PARSED =
      java.util.Set.of("generate", "respond", "dedup", "filter");

  private CommandHelp() {}

  private static Map<String, Class<? extends PipelineOptions>> commandOptions() {
    Map<String, Class<? extends PipelineOptions>> options =
        new java.util.HashMap<>(
            Map.of(
                "generate", GenerateOptions.class,
                "respond", RespondOptions.class,
                "dedup", DedupOptions.class,
                "filter", FilterOptions.class,
                "report", ReportOptions.class));
    SimulatorCommand.options().ifPresent(c -> options.put("simulate-llm", c));
    return Map.copyOf(options);
  }

  /**
   * The options interface of {@code command}, if it is known (and, for export, on the classpath).
   */
  static java.util.Optional<Class<? extends PipelineOptions>> optionsOf(String command) {
    return command.equals("export")
        ? ExportModule.options()
        : java.util.Optional.ofNullable(OPTIONS.get(command));
  }

  /** True if the command's arguments ask for help ({@code --help} or {@code --help=...}). */
  static boolean asked(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.startsWith("--help=") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** Prints the help; unknown commands, interfaces or runners are {@link UserInputException}s. */
  static void print(String command, String[] args, PrintStream out) {
    String runner = null;
    String named = null;
    for (String a : args) {
      if (a.startsWith("--runner=")) {
        runner = a.substring("--runner=".length());
      } else if (a.startsWith("--help=")) {
        named = a.substring("--help=".length());
      }
    }
    Class<? extends PipelineOptions> options =
        named == null ? optionsOf(command).orElse(null) : registered(named);
    if (options == null) {
      throw new UserInputException("no help for unknown command '" + command + "'");
    }
    if (runner != null && !PIPELINES.contains(command)) {
      throw new UserInputException(command + " runs no pipeline and takes no --runner");
    }
    try {
      OptionsHelp.print(command, options, runner, out);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    if (runner == null && PIPELINES.contains(command)) {
      out.println();
      out.println(
          "Runner: --runner=DirectRunner (default) or FlinkRunner; add --runner=NAME to"
              + " --help to list that runner's options.");
    }
  }

  /**
   * Registering our interfaces with Beam (the registrar) makes Beam's parser accept any of their
   * options for every command; this refuses an option that belongs to another command's registered
   * interface but not to {@code command}'s (e.g. {@code respond --targetInstructions}). Options
   * unknown to every interface are left to the parser.
   */
  static void refuseForeignOptions(String command, String[] args) {
    Class<? extends PipelineOptions> own = OPTIONS.get(command);
    if (own == null || !BEAM_PARSED.contains(command)) {
      return;
    }
    java.util.Set<String> foreign = new java.util.TreeSet<>();
    for (Class<? extends PipelineOptions> c :
        new MedInstructOptionsRegistrar().getPipelineOptions()) {
      foreign.addAll(OptionsHelp.names(c, null));
    }
    foreign.removeAll(OptionsHelp.names(own, null));
    for (String a : args) {
      String name = a.startsWith("--") ? a.substring(2).split("=", 2)[0] : "";
      if (foreign.contains(name)) {
        throw new UserInputException(
            "--"
                + name
                + " is not an option of "
                + command
                + " (see medinstruct "
                + command
                + " --help)");
      }
    }
  }

  private static Class<? extends PipelineOptions> registered(String name) {
    for (Class<? extends PipelineOptions> c : OPTIONS.values()) {
      if (c.getSimpleName().equals(name) || c.getName().equals(name)) {
        return c;
      }
    }
    for (Class<? extends PipelineOptions> c : PipelineOptionsFactory.getRegisteredOptions()) {
      if (c.getSimpleName().equals(name) || c.getName().equals(name)) {
        return c;
      }
    }
    throw new UserInputException(
        "--help="
            + name
            + ": no such options interface (try "
            + String.join(
                ", ", OPTIONS.values().stream().map(Class::getSimpleName).sorted().toList())
            + ")");
  }
}
