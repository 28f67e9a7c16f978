package org.medinstruct.endpoint;

import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A simulated OpenAI-compatible endpoint running in this JVM: a test double for a paid API.
 *
 * <p>The implementation lives in the {@code medinstruct-simulator} module, which the launcher has
 * on its classpath and a Flink job jar never has. The pipeline finds it through {@link
 * ServiceLoader} ({@link #find()}), so it does not depend on the simulator at compile time.
 */
public interface SimulatedEndpoint extends AutoCloseable {
  /** The {@code owned_by} of every model the simulated endpoint lists at {@code GET /models}. */
  String OWNER = "medinstruct-simulator";

  /** The base URL clients use, e.g. {@code http://127.0.0.1:PORT/v1}. */
  String baseUrl();

  /** Stops the endpoint; idempotent. */
  @Override
  void close();

  /** Starts a simulated endpoint with the default configuration on a free loopback port. */
  interface Factory {
    SimulatedEndpoint startDefault();
  }

  /** The factory on the classpath, if the simulator module is there. */
  static Optional<Factory> find() {
    Iterator<Factory> found =
        ServiceLoader.load(Factory.class, SimulatedEndpoint.class.getClassLoader()).iterator();
    return found.hasNext() ? Optional.of(found.next()) : Optional.empty();
  }
}
