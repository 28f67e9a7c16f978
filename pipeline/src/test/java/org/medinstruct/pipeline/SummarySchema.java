package org.medinstruct.pipeline;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * summary.json's written contract, {@code org/medinstruct/pipeline/summary.schema.json} (JSON
 * Schema 2020-12), as a test check: {@link Runs#summary} runs it on every summary a pipeline test
 * reads.
 */
public final class SummarySchema {
  public static final String RESOURCE = "/org/medinstruct/pipeline/summary.schema.json";
  private static final Schema SCHEMA = load();

  private SummarySchema() {}

  private static Schema load() {
    try (InputStream in = SummarySchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What in {@code json} breaks the contract, one line each (location: message); empty when valid.
   */
  public static List<String> problems(String json) {
    return SCHEMA.validate(json, InputFormat.JSON).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }

  /** Fails naming every broken rule when {@code summaryFile} breaks the contract. */
  public static void assertValid(Path summaryFile) throws IOException {
    List<String> problems = problems(Files.readString(summaryFile));
    if (!problems.isEmpty()) {
      throw new AssertionError(
          summaryFile + " breaks " + RESOURCE + ":\n  " + String.join("\n  ", problems));
    }
  }
}
