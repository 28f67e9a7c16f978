package org.medinstruct.runners.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The slim Flink job jar (what the TaskManagers load our code from, {@code mvn package}) carries
 * the pipeline but not the simulated endpoint, a test double that must never be on a job's
 * classpath.
 */
class JobJarContentsIT {
  private static List<String> entries() throws IOException {
    try (JarFile jar = new JarFile(FlinkIt.jobJar().toFile())) {
      return jar.stream().map(JarEntry::getName).toList();
    }
  }

  @Test
  void jobJar_hasNoSimulatorClasses() throws IOException {
    List<String> sim =
        entries().stream().filter(n -> n.startsWith("org/medinstruct/sim/")).toList();

    assertEquals(List.of(), sim, "simulator classes in " + FlinkIt.jobJar());
  }

  @Test
  void jobJar_hasThePipelineAndNoSimulatorServiceFile() throws IOException {
    List<String> names = entries();

    assertTrue(names.contains("org/medinstruct/pipeline/Endpoint.class"), "pipeline classes");
    assertTrue(names.contains("org/medinstruct/endpoint/SimulatedEndpoint.class"), "the SPI");
    assertTrue(
        names.stream().noneMatch(n -> n.endsWith("SimulatedEndpoint$Factory")),
        "a service file naming a simulator factory");
  }
}
