package org.medinstruct.pipeline.options;

import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;

/**
 * Help for one command's options: one group per option interface (the command's own first, then the
 * interfaces it extends), one line per option with its type, default and description.
 *
 * <p>Beam's {@code PipelineOptionsFactory.printHelp} prints every superinterface, down to {@code
 * PipelineOptions} and whatever else is on the classpath; this printer stops at the project's own
 * interfaces. Beam's runner options (for example {@code --flinkMaster}) are printed only for a
 * runner named with {@code --runner}: the options interfaces registered with Beam that live in the
 * runner's package, with their superinterfaces, minus what was already printed.
 */
public final class OptionsHelp {
  private static final String OWN_PACKAGE = "org.medinstruct";

  private OptionsHelp() {}

  /** One option of a group. */
  public record Option(
      String name, String type, String defaultValue, boolean required, String description) {}

  /** The options declared in one interface, titled by the interface's {@code @Description}. */
  public record Group(Class<?> iface, String title, List<Option> options) {}

  /**
   * The groups of {@code options} (project interfaces only), then, if {@code runner} is not null,
   * the groups of that runner's options.
   */
  public static List<Group> groups(Class<? extends PipelineOptions> options, String runner) {
    Set<String> seen = new LinkedHashSet<>();
    List<Group> groups = new ArrayList<>();
    for (Class<?> iface : hierarchy(options)) {
      if (iface.getName().startsWith(OWN_PACKAGE + ".")) {
        addGroup(groups, iface, seen);
      }
    }
    if (runner != null) {
      for (Class<? extends PipelineOptions> runnerOptions : runnerOptions(runner)) {
        for (Class<?> iface : hierarchy(runnerOptions)) {
          addGroup(groups, iface, seen);
        }
      }
    }
    return groups;
  }

  /** Prints {@link #groups} under a usage line for {@code command}. */
  public static void print(
      String command, Class<? extends PipelineOptions> options, String runner, PrintStream out) {
    out.println("usage: medinstruct " + command + " [--option=value ...]");
    printGroups(groups(options, runner), out);
  }

  /** Prints groups: a title line, then one line per option. */
  public static void printGroups(List<Group> groups, PrintStream out) {
    int width =
        groups.stream()
            .flatMap(g -> g.options().stream())
            .mapToInt(o -> flag(o).length())
            .max()
            .orElse(0);
    for (Group g : groups) {
      out.println();
      out.println(g.title() + ":");
      for (Option o : g.options()) {
        StringBuilder line = new StringBuilder("  ").append(flag(o));
        line.append(" ".repeat(width - flag(o).length() + 2));
        if (o.defaultValue() != null) {
          line.append('[').append(o.defaultValue()).append("] ");
        } else if (o.required()) {
          line.append("(required) ");
        }
        line.append(o.description());
        out.println(line.toString().stripTrailing());
      }
    }
  }

  private static String flag(Option o) {
    return "--" + o.name() + "=<" + o.type() + ">";
  }

  private static void addGroup(List<Group> groups, Class<?> iface, Set<String> seen) {
    List<Option> options = new ArrayList<>();
    Method[] methods = iface.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(m -> propertyName(m).orElse("")));
    for (Method m : methods) {
      Optional<String> name = propertyName(m);
      if (name.isEmpty() || m.isAnnotationPresent(Hidden.class) || !seen.add(name.get())) {
        continue;
      }
      Description d = m.getAnnotation(Description.class);
      options.add(
          new Option(
              name.get(),
              typeName(m.getReturnType()),
              defaultValue(m),
              m.isAnnotationPresent(Validation.Required.class),
              d == null ? "" : oneLine(d.value())));
    }
    if (options.isEmpty() || iface.isAnnotationPresent(Hidden.class)) {
      return;
    }
    Description d = iface.getAnnotation(Description.class);
    String title =
        d == null ? iface.getSimpleName() : iface.getSimpleName() + ": " + oneLine(d.value());
    groups.add(new Group(iface, title, options));
  }

  /** The names of every option {@link #groups} lists for these options and runner. */
  public static Set<String> names(Class<? extends PipelineOptions> options, String runner) {
    Set<String> names = new java.util.TreeSet<>();
    groups(options, runner).forEach(g -> g.options().forEach(o -> names.add(o.name())));
    return names;
  }

  /** The interface and all it extends, breadth first, each once. */
  static List<Class<?>> hierarchy(Class<?> root) {
    Set<Class<?>> order = new LinkedHashSet<>();
    Deque<Class<?>> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      Class<?> c = queue.poll();
      if (order.add(c)) {
        queue.addAll(Arrays.asList(c.getInterfaces()));
      }
    }
    return new ArrayList<>(order);
  }

  /** Registered options interfaces in the package of the runner named {@code runner}. */
  public static List<Class<? extends PipelineOptions>> runnerOptions(String runner) {
    Class<?> runnerClass = null;
    for (PipelineRunnerRegistrar registrar : ServiceLoader.load(PipelineRunnerRegistrar.class)) {
      for (Class<? extends PipelineRunner<?>> c : registrar.getPipelineRunners()) {
        if (c.getSimpleName().equals(runner)
            || c.getName().equals(runner)
            || c.getSimpleName().equalsIgnoreCase(runner + "Runner")) {
          runnerClass = c;
        }
      }
    }
    if (runnerClass == null) {
      throw new IllegalArgumentException(
          "--runner=" + runner + ": unknown runner (DirectRunner" + " or FlinkRunner)");
    }
    String pkg = runnerClass.getPackageName();
    List<Class<? extends PipelineOptions>> found = new ArrayList<>();
    for (Class<? extends PipelineOptions> c : PipelineOptionsFactory.getRegisteredOptions()) {
      if (c.getPackageName().equals(pkg)) {
        found.add(c);
      }
    }
    found.sort(Comparator.comparing(Class::getName));
    return found;
  }

  private static Optional<String> propertyName(Method m) {
    if (m.getParameterCount() != 0
        || Modifier.isStatic(m.getModifiers())
        || m.isDefault()
        || m.getReturnType() == void.class) {
      return Optional.empty();
    }
    String n = m.getName();
    String bare;
    if (n.startsWith("get") && n.length() > 3) {
      bare = n.substring(3);
    } else if (n.startsWith("is")
        && n.length() > 2
        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
      bare = n.substring(2);
    } else {
      return Optional.empty();
    }
    return Optional.of(java.beans.Introspector.decapitalize(bare));
  }

  private static String typeName(Class<?> type) {
    if (type.isPrimitive() || type == String.class) {
      return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
    if (type == Integer.class) {
      return "int";
    }
    if (type.isEnum()) {
      return String.join(
          "|", Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
    }
    if (type == Class.class) {
      return "class";
    }
    return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** The value of the getter's {@code @Default.*} annotation, or null. */
  static String defaultValue(Method m) {
    for (Annotation a : m.getAnnotations()) {
      if (a instanceof Default.String v) {
        return v.value().isEmpty() ? "\"\"" : v.value();
      } else if (a instanceof Default.Integer v) {
        return Integer.toString(v.value());
      } else if (a instanceof Default.Long v) {
        return Long.toString(v.value());
      } else if (a instanceof Default.Double v) {
        return Double.toString(v.value());
      } else if (a instanceof Default.Float v) {
        return Float.toString(v.value());
      } else if (a instanceof Default.Boolean v) {
        return Boolean.toString(v.value());
      } else if (a instanceof Default.Short v) {
        return Short.toString(v.value());
      } else if (a instanceof Default.Byte v) {
        return Byte.toString(v.value());
      } else if (a instanceof Default.Character v) {
        return Character.toString(v.value());
      } else if (a instanceof Default.Enum v) {
        return v.value();
      } else if (a instanceof Default.Class v) {
        return v.value().getSimpleName();
      } else if (a instanceof Default.InstanceFactory) {
        return "computed";
      }
    }
    return null;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
