package org.medinstruct.runners;

import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;
import org.medinstruct.model.UserInputException;
import org.medinstruct.sim.SimulateLlmOptions;
import org.medinstruct.sim.SimulatorMain;

/**
 * {@code medinstruct simulate-llm}: the simulated endpoint (a test double for a paid API) from the
 * {@code simulator} module. The launcher has that module on its classpath; the Flink job jar and
 * the bundled jar leave it out, so every reference to it is resolved only when this command runs.
 */
final class SimulatorCommand {
  private SimulatorCommand() {}

  /** {@code simulate-llm}'s options interface, if the simulator module is on the classpath. */
  static Optional<Class<? extends PipelineOptions>> options() {
    try {
      return Optional.of(SimulateLlmOptions.class);
    } catch (NoClassDefFoundError absent) {
      return Optional.empty();
    }
  }

  /** Serves until stopped; bad input (exit 2) when the simulator is not on the classpath. */
  static void run(String[] args) {
    if (options().isEmpty()) {
      throw new UserInputException(
          "simulate-llm needs the simulator module (medinstruct-simulator) on the classpath;"
              + " run it through runners/medinstruct");
    }
    SimulatorMain.run(args);
  }
}
