package org.medinstruct.runners;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptions;
import org.medinstruct.model.UserInputException;

/**
 * The optional export module ({@code export/}: Parquet through Beam's ParquetIO, and the dataset
 * card), reached by name: it is not a dependency of this module, so ParquetIO's Hadoop jars stay
 * out of the Flink job jar and off the Direct run's classpath. {@code runners/medinstruct} puts it
 * on the classpath for {@code export} and for {@code --format=...,parquet}.
 */
final class ExportModule {
  static final String COMMAND = "org.medinstruct.export.ExportCommand";
  static final String OPTIONS = "org.medinstruct.export.ExportOptions";
  private static final Set<String> FORMATS = Set.of("json", "parquet");

  private ExportModule() {}

  /** {@code export}'s options interface, if the module is on the classpath. */
  @SuppressWarnings("unchecked")
  static Optional<Class<? extends PipelineOptions>> options() {
    try {
      return Optional.of((Class<? extends PipelineOptions>) Class.forName(OPTIONS));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /** {@code medinstruct export --input=RUN_DIR --to=DIR}. */
  static void export(String[] args, PrintStream out) throws Exception {
    invoke("run", new Class<?>[] {String[].class, PrintStream.class}, args, out);
  }

  /**
   * Checks {@code --format} of {@code generate}/{@code respond} before the run and returns whether
   * Parquet was asked for; an unknown format, or Parquet without the module, is bad input.
   */
  static boolean parquetRequested(String[] args) {
    boolean parquet = false;
    for (String a : args) {
      if (!a.startsWith("--format=")) {
        continue;
      }
      for (String f : a.substring("--format=".length()).split(",")) {
        if (!FORMATS.contains(f.strip())) {
          throw new UserInputException(
              "--format: unknown format '" + f.strip() + "' (json, parquet)");
        }
        parquet |= f.strip().equals("parquet");
      }
    }
    if (parquet && options().isEmpty()) {
      throw new UserInputException(
          "--format=parquet needs the export module on the classpath;"
              + " run through runners/medinstruct, which adds it");
    }
    return parquet;
  }

  /** The post-step of {@code --format=parquet}: {@code OUTPUT/data/train-*.parquet}. */
  static void writeParquet(String[] args, PrintStream out) throws Exception {
    String output = null;
    for (String a : args) {
      if (a.startsWith("--output=")) {
        output = a.substring("--output=".length());
      }
    }
    invoke("writeParquet", new Class<?>[] {String.class, PrintStream.class}, output, out);
  }

  private static void invoke(String name, Class<?>[] types, Object... args) throws Exception {
    Method m;
    try {
      m = Class.forName(COMMAND).getMethod(name, types);
    } catch (ClassNotFoundException e) {
      throw new UserInputException(
          "export needs the export module on the classpath; run through"
              + " runners/medinstruct, which adds it");
    }
    try {
      m.invoke(null, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
