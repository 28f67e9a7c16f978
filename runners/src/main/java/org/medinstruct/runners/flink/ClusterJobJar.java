package org.medinstruct.runners.flink;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Whether a Flink cluster already has our job jar on its JVMs' classpath, so that a submission need
 * not upload it.
 *
 * <p>A cluster that has it says so in its configuration: {@value #CONFIG_KEY} holds the SHA-256 of
 * the jar in its {@code lib/} ({@code runners/flink-cluster start} writes it; a real cluster's
 * image sets it beside the jar it bakes in, see runners/FLINK.md). The launcher compares it with
 * the SHA-256 of its own job jar: only an exact match skips the upload; anything else (no key,
 * another hash, the REST API unreachable) stages the jar as before. Beam uploads the whole
 * classpath when {@code filesToStage} is empty, so a match stages a {@linkplain #markerJar marker
 * jar} of a few hundred bytes instead: the job's user classloader then finds every class in the
 * cluster's classpath, where it is loaded and compiled once per JVM instead of once per job.
 */
final class ClusterJobJar {
  /** The cluster configuration key that advertises the SHA-256 of the job jar in its lib/. */
  static final String CONFIG_KEY = "medinstruct.job-jar.sha256";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ClusterJobJar() {}

  /**
   * The SHA-256 the cluster at REST address {@code base} advertises under {@value #CONFIG_KEY}, if
   * any; empty also when the REST API does not answer (the caller then uploads the jar).
   */
  static Optional<String> advertised(String base) {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      HttpResponse<String> r = FlinkJobCancel.get(http, base + "/jobmanager/config");
      return r.statusCode() == 200 ? fromConfig(r.body()) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** {@value #CONFIG_KEY} from the body of REST {@code /jobmanager/config}. */
  static Optional<String> fromConfig(String body) {
    for (JsonElement e : JsonParser.parseString(body).getAsJsonArray()) {
      var entry = e.getAsJsonObject();
      if (CONFIG_KEY.equals(entry.get("key").getAsString())) {
        return Optional.of(entry.get("value").getAsString().strip().toLowerCase());
      }
    }
    return Optional.empty();
  }

  /** The SHA-256 of a file, lower-case hex. */
  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A jar with only a manifest naming the job jar's hash, in {@code dir}: what a job stages when
   * its classes are on the cluster's classpath (written once per hash).
   */
  static Path markerJar(Path dir, String sha256) {
    Path jar = dir.resolve("medinstruct-on-cluster-classpath-" + sha256.substring(0, 16) + ".jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Medinstruct-Job-Jar-Sha256", sha256);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "marker", ".jar.tmp");
      try (OutputStream out = Files.newOutputStream(tmp);
          JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
        jarOut.flush();
      }
      Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the marker jar in " + dir, e);
    }
  }
}
