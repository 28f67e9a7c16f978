package org.medinstruct.runners;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.CommandOptions;
import org.medinstruct.pipeline.options.OptionsHelp;

/**
 * Checks a command's {@code --name[=value]} arguments before Beam's parser sees them, so that a
 * mistake gets a message the user can act on instead of Beam's internals: an unknown option names
 * the command, suggests the nearest valid name and points to {@code --help}; a value of the wrong
 * type names the option and the type expected.
 *
 * <p>Valid names: the command's own options, the options Beam accepts for every pipeline (the
 * registered interfaces outside {@code org.apache.beam.runners}, e.g. {@code --runner}, {@code
 * --jobName}), and the runner's options: those of {@code --runner=NAME}, else the default
 * DirectRunner's, for the commands that run a pipeline.
 */
final class OptionCheck {
  /** Suggest a name only this close (edit distance, case-insensitive). */
  private static final int MAX_DISTANCE = 3;

  private OptionCheck() {}

  /** Throws {@link UserInputException} (exit 2) for the first unknown or malformed option. */
  static void check(String command, String[] args) {
    Class<? extends PipelineOptions> own = CommandHelp.OPTIONS.get(command);
    if (own == null || !CommandHelp.BEAM_PARSED.contains(command)) {
      return;
    }
    Map<String, Class<?>> valid = validOptions(command, own, runnerOf(args));
    for (String a : args) {
      if (!a.startsWith("--")) {
        continue;
      }
      String[] kv = a.substring(2).split("=", 2);
      String name = kv[0];
      Class<?> type = valid.get(name);
      if (type == null && CommandOptions.RENAMED.containsKey(name)) {
        throw new UserInputException(CommandOptions.renamed(command, name));
      }
      if (type == null) {
        throw new UserInputException(unknown(command, name, valid.keySet()));
      }
      if (kv.length == 2) {
        checkValue(command, name, kv[1], type);
      } else if (type != boolean.class && type != Boolean.class) {
        throw new UserInputException(
            "--"
                + name
                + " needs a value (--"
                + name
                + "=<"
                + typeName(type)
                + ">)"
                + see(command));
      }
    }
  }

  /** The message for an unknown option: the nearest valid name if one is close enough. */
  static String unknown(String command, String name, Iterable<String> valid) {
    Optional<String> nearest = nearest(name, valid);
    return "unknown option --"
        + name
        + nearest.map(n -> "; did you mean --" + n + "?").orElse("")
        + see(command);
  }

  /** The valid name closest to {@code name}, if it is within {@link #MAX_DISTANCE} edits. */
  static Optional<String> nearest(String name, Iterable<String> valid) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = name.toLowerCase(Locale.ROOT);
    for (String v : valid) {
      int d = distance(lower, v.toLowerCase(Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && v.compareTo(best) < 0)) {
        best = v;
        bestDistance = d;
      }
    }
    int limit = Math.min(MAX_DISTANCE, Math.max(1, name.length() / 3));
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
   * alignment).
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String see(String command) {
    return " (see: runners/medinstruct " + command + " --help)";
  }

  private static String runnerOf(String[] args) {
    String runner = null;
    for (String a : args) {
      if (a.startsWith("--runner=")) {
        runner = a.substring("--runner=".length());
      }
    }
    return runner;
  }

  /** Every option name Beam's parser would accept for this command, with its getter's type. */
  private static Map<String, Class<?>> validOptions(
      String command, Class<? extends PipelineOptions> own, String runner) {
    Map<String, Class<?>> valid = new LinkedHashMap<>();
    addAll(valid, own);
    for (Class<? extends PipelineOptions> c : PipelineOptionsFactory.getRegisteredOptions()) {
      String pkg = c.getPackageName();
      if (!pkg.startsWith("org.apache.beam.runners.") && !pkg.startsWith("org.medinstruct.")) {
        addAll(valid, c);
      }
    }
    String effective =
        runner != null ? runner : CommandHelp.PIPELINES.contains(command) ? "DirectRunner" : null;
    if (effective != null) {
      List<Class<? extends PipelineOptions>> runnerOptions;
      try {
        runnerOptions = OptionsHelp.runnerOptions(effective);
      } catch (IllegalArgumentException e) {
        throw new UserInputException(e.getMessage(), e);
      }
      runnerOptions.forEach(c -> addAll(valid, c));
    }
    return valid;
  }

  /** The properties (getters, hidden ones too) of {@code iface} and everything it extends. */
  private static void addAll(Map<String, Class<?>> valid, Class<?> iface) {
    for (Method m : iface.getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || m.getReturnType() == void.class) {
        continue;
      }
      String n = m.getName();
      String bare =
          n.startsWith("get") && n.length() > 3
              ? n.substring(3)
              : n.startsWith("is")
                      && n.length() > 2
                      && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)
                  ? n.substring(2)
                  : null;
      if (bare != null) {
        valid.putIfAbsent(Introspector.decapitalize(bare), m.getReturnType());
      }
    }
  }

  private static void checkValue(String command, String name, String value, Class<?> type) {
    boolean ok;
    String v = value.strip();
    if (type == int.class || type == Integer.class) {
      ok = parses(() -> Integer.parseInt(v));
    } else if (type == long.class || type == Long.class) {
      ok = parses(() -> Long.parseLong(v));
    } else if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      ok = parses(() -> Double.parseDouble(v));
    } else if (type == boolean.class || type == Boolean.class) {
      ok = v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    } else if (type.isEnum()) {
      ok = false;
      for (Object c : type.getEnumConstants()) {
        ok |= c.toString().equalsIgnoreCase(v) || ((Enum<?>) c).name().equalsIgnoreCase(v);
      }
    } else {
      ok = true;
    }
    if (!ok) {
      throw new UserInputException(
          "--" + name + "=" + value + ": expected " + article(typeName(type)) + see(command));
    }
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String typeName(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "integer";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean (true or false)";
    }
    if (type.isEnum()) {
      List<String> names =
          java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
      return "one of " + String.join(", ", names);
    }
    return type.getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static String article(String typeName) {
    return typeName.startsWith("one of")
        ? typeName
        : ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
  }
}
