package org.medinstruct.export;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.UserInputException;

/**
 * {@code export}: the Parquet shards read back with an independent reader (pyarrow, through
 * python3) hold exactly the rows of {@code medinstruct.json}, in order; the card's YAML front
 * matter parses (PyYAML) with the fields the Hugging Face Hub reads.
 */
class ExportCommandTest {
  @TempDir Path tmp;

  private static final String PYTHON_CHECK =
      String.join(
          "\n",
          "import glob, json, sys, yaml, pyarrow.parquet as pq",
          "out = sys.argv[1]",
          "rows = []",
          "for f in sorted(glob.glob(out + '/data/train-*.parquet')):",
          "    rows.extend(pq.read_table(f).to_pylist())",
          "card = open(out + '/README.md', encoding='utf-8').read()",
          "assert card.startswith('---\\n'), 'no front matter'",
          "meta = yaml.safe_load(card.split('---\\n')[1])",
          "print(json.dumps({'rows': rows, 'meta': meta,",
          "                  'shards': len(glob.glob(out + '/data/train-*.parquet'))}))");

  private Path runDir(String records, String summary) throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(run.resolve("medinstruct.json"), records, StandardCharsets.UTF_8);
    if (summary != null) {
      Files.writeString(run.resolve("summary.json"), summary, StandardCharsets.UTF_8);
    }
    return run;
  }

  private JsonObject readBackWithPyarrow(Path out) throws Exception {
    Path script = tmp.resolve("check.py");
    Files.writeString(script, PYTHON_CHECK);
    Path stdout = tmp.resolve("py.out");
    Process p =
        new ProcessBuilder("python3", script.toString(), out.toString())
            .redirectOutput(stdout.toFile())
            .redirectError(tmp.resolve("py.err").toFile())
            .start();
    assertThat("python3 finished", p.waitFor(120, TimeUnit.SECONDS), is(true));
    assertThat(
        "pyarrow check failed: " + Files.readString(tmp.resolve("py.err")), p.exitValue(), is(0));
    return JsonParser.parseString(Files.readString(stdout)).getAsJsonObject();
  }

  @Test
  void export_writesParquetWithTheRowsOfMedinstructJson_andACardWhoseYamlParses() throws Exception {
    String records =
        "[{\"instruction\":\"Explain asthma to a"
            + " child.\",\"input\":\"<noinput>\",\"output\":\"Asthma makes airways"
            + " narrow.\"},{\"instruction\":\"Résumé: \\\"quote\\\" | pipe\",\"input\":\"Line"
            + " one\\n"
            + "line two — ü 血\",\"output\":\"\"},{\"instruction\":\"Which drug?\",\"input\":\"A) x"
            + " B) y\",\"output\":\"The answer is A.\"}]";
    String summary =
        "{\"endpoint\":\"simulated\",\"simulated\":true,\"instruction_model\":\"gpt-4\",\"response_model\":\"gpt-3.5-turbo\","
            + "\"seed\":42,\"target\":3,\"accepted\":3,\"counts\":{\"generated\":5,\"accepted\":3,"
            + "\"rejected_by_reason\":{\"dedup/duplicate\":2}}}";
    Path run = runDir(records, summary);
    Path out = tmp.resolve("hf");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ExportCommand.run(
        new String[] {"--input=" + run, "--to=" + out, "--rowsPerShard=2"},
        new PrintStream(log, true, StandardCharsets.UTF_8));

    JsonObject back = readBackWithPyarrow(out);
    assertThat(
        back.get("rows").getAsJsonArray(), is(JsonParser.parseString(records).getAsJsonArray()));
    assertThat(back.get("shards").getAsInt(), is(2));
    JsonObject meta = back.getAsJsonObject("meta");
    assertThat(meta.get("license").getAsString(), is("other"));
    assertThat(meta.getAsJsonArray("task_categories").get(0).getAsString(), is("text-generation"));
    assertThat(meta.getAsJsonArray("size_categories").get(0).getAsString(), is("n<1K"));
    assertThat(meta.getAsJsonArray("language").get(0).getAsString(), is("en"));
    JsonArray configs = meta.getAsJsonArray("configs");
    assertThat(
        configs
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("data_files")
            .get(0)
            .getAsJsonObject()
            .get("path")
            .getAsString(),
        is("data/train-*"));
    String card = Files.readString(out.resolve("README.md"));
    assertThat(card, containsString("**Simulated data.**"));
    assertThat(card, containsString("| instruction model | gpt-4 |"));
    assertThat(card, containsString("| dedup/duplicate | 2 |"));
    assertThat(Files.exists(out.resolve("data/.tmp-train-00000-of-00002.parquet")), is(false));
  }

  @Test
  void givenARecordWithoutOutput_failsNamingFileAndRecord_andWritesNothing() throws Exception {
    Path run =
        runDir(
            "[{\"instruction\":\"a\",\"input\":\"\",\"output\":\"b\"},{\"instruction\":\"c\",\"input\":\"\"}]",
            null);
    Path out = tmp.resolve("hf");
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () ->
                ExportCommand.run(
                    new String[] {"--input=" + run, "--to=" + out},
                    new PrintStream(new ByteArrayOutputStream())));
    assertThat(e.getMessage(), containsString("medinstruct.json: record 1"));
    assertThat(e.getMessage(), containsString("\"output\""));
    assertThat(Files.exists(out), is(false));
  }

  @Test
  void sizeCategory_followsTheHubsBuckets() {
    assertThat(DatasetCard.sizeCategory(200), is("n<1K"));
    assertThat(DatasetCard.sizeCategory(52_000), is("10K<n<100K"));
  }
}
