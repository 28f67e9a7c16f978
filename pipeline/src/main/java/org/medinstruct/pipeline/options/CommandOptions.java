package org.medinstruct.pipeline.options;

import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.medinstruct.dedup.SimilarityDedup;
import org.medinstruct.model.UserInputException;

/**
 * Where a command's arguments become its options: Beam's parser reports an unknown or malformed
 * option as an IllegalArgumentException, which here becomes a {@link UserInputException} (exit 2)
 * naming the command, so that an IllegalArgumentException anywhere else stays what it is, a bug
 * (exit 1). Also the one check of the similarity thresholds {@code generate} and {@code dedup}
 * share, and the options that were renamed.
 */
public final class CommandOptions {
  /** Old option name → its name now; the old name is refused with a message naming the new one. */
  public static final Map<String, String> RENAMED = Map.of("threshold", "dedupThreshold");

  private CommandOptions() {}

  /** {@code args} as {@code type}, validated; bad options are a {@link UserInputException}. */
  public static <T extends PipelineOptions> T parse(String command, String[] args, Class<T> type) {
    for (String a : args) {
      String name = a.startsWith("--") ? a.substring(2).split("=", 2)[0] : null;
      if (name != null && RENAMED.containsKey(name)) {
        throw new UserInputException(renamed(command, name));
      }
    }
    try {
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(type);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(command + ": " + e.getMessage(), e);
    }
  }

  /** The message for a renamed option. */
  public static String renamed(String command, String name) {
    return "--"
        + name
        + " was renamed --"
        + RENAMED.get(name)
        + " (one name for the dedup threshold in every"
        + " command); see: runners/medinstruct "
        + command
        + " --help";
  }

  /** --dedupThreshold and --decontaminationThreshold must be in [0, 1] (exit 2 otherwise). */
  public static void checkThresholds(double dedupThreshold, double decontaminationThreshold) {
    try {
      SimilarityDedup.checkThreshold("--dedupThreshold", dedupThreshold);
      SimilarityDedup.checkThreshold("--decontaminationThreshold", decontaminationThreshold);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }
}
