package org.medinstruct.k8s;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;
import org.medinstruct.pipeline.options.GenerateOptions;

/**
 * What can be checked of {@code runners/k8s/} without a container engine or a cluster: the manifest
 * deserializes as the Flink Kubernetes Operator's {@code FlinkDeployment} (unknown fields fail), it
 * runs in application mode with HA off and the key from a secret, its entry class is in the job jar
 * the Dockerfile copies, and its arguments are valid options of the command.
 */
class FlinkDeploymentIT {
  private static final Path K8S = Path.of(System.getProperty("medinstruct.k8sDir", "."));

  private static FlinkDeployment deployment() throws Exception {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    return yaml.readValue(K8S.resolve("flink-deployment.yaml").toFile(), FlinkDeployment.class);
  }

  @Test
  void manifest_isAnApplicationModeFlinkDeployment_withHaOff_andTheKeyFromASecret()
      throws Exception {
    FlinkDeployment d = deployment();
    assertThat(d.getSpec().getFlinkVersion(), is(FlinkVersion.v1_19));
    assertThat(d.getSpec().getJob(), notNullValue()); // a job spec = application mode
    assertThat(d.getSpec().getJob().getUpgradeMode(), is(UpgradeMode.STATELESS));
    assertThat(d.getSpec().getFlinkConfiguration().get("high-availability.type"), is("NONE"));
    EnvVar key =
        d.getSpec().getPodTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .filter(e -> e.getName().equals("OPENAI_API_KEY"))
            .findFirst()
            .orElseThrow();
    assertThat(key.getValue() == null, is(true));
    assertThat(key.getValueFrom().getSecretKeyRef().getName(), is("medinstruct-openai"));
    for (String arg : d.getSpec().getJob().getArgs()) {
      assertThat("no key on the command line", arg.toLowerCase().contains("apikey"), is(false));
    }
  }

  @Test
  void entryClass_isInTheJobJarTheDockerfileCopies() throws Exception {
    FlinkDeployment d = deployment();
    String dockerfile = Files.readString(K8S.resolve("Dockerfile"), StandardCharsets.UTF_8);
    assertThat(dockerfile, containsString("FROM flink:1.19-java17"));
    assertThat(
        dockerfile,
        containsString("medinstruct-runners-*-job.jar /opt/flink/usrlib/medinstruct-job.jar"));
    assertThat(
        d.getSpec().getJob().getJarURI(), is("local:///opt/flink/usrlib/medinstruct-job.jar"));
    String entry = d.getSpec().getJob().getEntryClass().replace('.', '/') + ".class";
    try (JarFile jar = new JarFile(System.getProperty("medinstruct.jobJar"))) {
      assertThat(entry + " in the job jar", jar.getEntry(entry), notNullValue());
      assertThat(
          "no Flink in the job jar",
          jar.getEntry("org/apache/flink/runtime/jobgraph/JobGraph.class") == null,
          is(true));
      assertThat(
          "no Hadoop in the job jar",
          jar.getEntry("org/apache/hadoop/conf/Configuration.class") == null,
          is(true));
    }
  }

  @Test
  void args_areValidOptionsOfTheCommand() throws Exception {
    List<String> args =
        deployment().getSpec().getJob().getArgs() == null
            ? List.of()
            : Arrays.asList(deployment().getSpec().getJob().getArgs());
    assertThat(args.get(0), is("generate"));
    String[] rest = args.subList(1, args.size()).toArray(String[]::new);
    GenerateOptions options =
        PipelineOptionsFactory.fromArgs(rest).withValidation().as(GenerateOptions.class);
    assertThat(options.getRunner().getSimpleName(), is("FlinkRunner"));
    assertThat(options.as(FlinkPipelineOptions.class).getParallelism(), is(4));
    assertThat(options.getOutput(), containsString("://"));
    assertThat(options.getCacheDir(), containsString("://"));
    assertThat(options.getMaxRounds() > 0, is(true));
  }
}
