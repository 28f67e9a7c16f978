package org.medinstruct.sim;

import org.medinstruct.endpoint.SimulatedEndpoint;

/**
 * The {@link SimulatedEndpoint.Factory} the launcher finds through {@link java.util.ServiceLoader}
 * (META-INF/services): starts {@link SimulatedLlmServer} with {@link SimConfig#defaults()}.
 */
public final class DefaultSimulatorFactory implements SimulatedEndpoint.Factory {
  @Override
  public SimulatedEndpoint startDefault() {
    return SimulatedLlmServer.start(SimConfig.defaults());
  }
}
