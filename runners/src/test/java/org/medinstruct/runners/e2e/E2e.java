package org.medinstruct.runners.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.medinstruct.model.MedTask;
import org.medinstruct.tasks.SeedLoader;

/**
 * Helpers for the end-to-end tests of the LLM stage: task files, child JVMs running the launcher's
 * Main, and reading what runs wrote. The endpoint in these tests is always the simulated one (a
 * test double for a paid API) on 127.0.0.1.
 */
final class E2e {
  private E2e() {}

  /** n distinct tasks: the seed set, each varied by a case number (distinct request bodies). */
  static Path writeTasks(Path file, int n) throws IOException {
    List<MedTask> seeds = SeedLoader.loadDefault();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      MedTask t = seeds.get(i % seeds.size());
      JsonObject o = new JsonObject();
      o.addProperty("instruction", t.instruction() + " (Case " + (i + 1) + ".)");
      o.addProperty("input", t.input());
      o.addProperty("type", t.type());
      sb.append(o).append('\n');
    }
    Files.writeString(file, sb.toString());
    return file;
  }

  /** Starts {@code java -cp <test classpath> org.medinstruct.runners.Main args...}. */
  static Process startMain(Path dir, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.medinstruct.runners.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("OPENAI_API_KEY");
    pb.environment().putAll(env);
    Files.createDirectories(dir);
    pb.redirectOutput(dir.resolve("stdout.txt").toFile());
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    return pb.start();
  }

  /** Runs Main in this JVM; returns the exit code, output and error text. */
  static Result runInProcess(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    java.lang.reflect.Method run =
        org.medinstruct.runners.Main.class.getDeclaredMethod(
            "run", String[].class, PrintStream.class, PrintStream.class);
    run.setAccessible(true);
    int code =
        (int)
            run.invoke(
                null,
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String out, String err) {}

  /** Completions in the journal under cacheDir: complete JSON lines of its segments. */
  static int journaledCompletions(Path cacheDir) throws IOException {
    if (!Files.isDirectory(cacheDir)) {
      return 0;
    }
    int n = 0;
    try (Stream<Path> files = Files.list(cacheDir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("journal-.*\\.jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.isBlank()) {
            continue;
          }
          try {
            JsonParser.parseString(line).getAsJsonObject();
            n++;
          } catch (RuntimeException torn) {
            // A line cut by the kill is not a journaled completion.
          }
        }
      }
    }
    return n;
  }

  static JsonObject summary(Path out) throws IOException {
    return JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
  }

  static long count(JsonObject summary, String key) {
    return summary.getAsJsonObject("counts").get(key).getAsLong();
  }

  static long http(JsonObject summary, String key) {
    JsonObject h = summary.getAsJsonObject("http");
    return h == null || !h.has(key) ? 0 : h.get(key).getAsLong();
  }

  static long lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
