package org.medinstruct.pipeline.filter;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medinstruct.model.Records;
import org.medinstruct.model.UserInputException;
import org.medinstruct.pipeline.options.CommandOptions;
import org.medinstruct.pipeline.options.TaskFilterOptions;
import org.medinstruct.stages.FilterTasks;
import org.medinstruct.tasks.QualityIssue;
import org.medinstruct.tasks.SeedLoader;
import org.medinstruct.tasks.SeedLoader.TaskRecord;
import org.medinstruct.tasks.TaskFilter;
import org.medinstruct.tasks.TaskFilter.FilterSettings;

/**
 * {@code filter}: the task filters of {@code generate} ({@link TaskFilter#check}, the function
 * {@link FilterTasks} applies, with the same options) over any task file, e.g. a hand-written seed
 * set.
 *
 * <p>Input: {@code --input} (JSON array or JSONL of task objects). Output in {@code --output}:
 * {@code kept.jsonl} (each kept record as written, in file order) and {@code rejected.jsonl} (stage
 * {@code filter}, reason code, a sentence, where the record is, and the record), both written under
 * temporary names and renamed into place; counts by reason and by task type on stdout. Every record
 * is in exactly one of the two files. Bad input (unreadable file, malformed JSON, a non-object
 * record, a non-string field, bad options) is a {@link UserInputException} naming the file and the
 * record, with nothing written.
 */
public final class FilterCommand {
  private FilterCommand() {}

  /** The outcome, for callers and tests: kept and rejected counts, by reason and by type. */
  public record Counts(
      int kept,
      int rejected,
      Map<String, Integer> byReason,
      Map<String, int[]> byType,
      List<String> reasons) {}

  /** Rejections listed one by one on stdout up to this many; all are in rejected.jsonl. */
  static final int LISTED = 20;

  public static Counts run(String[] args, PrintStream out) throws IOException {
    // 1. Options and input, all validated before anything is written.
    FilterOptions options = CommandOptions.parse("filter", args, FilterOptions.class);
    FilterSettings settings = TaskFilterOptions.filterSettings(options);
    Path input = Path.of(options.getInput());
    List<TaskRecord> records = SeedLoader.readTasks(input);
    Path dir = Path.of(options.getOutput());
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserInputException("--output=" + dir + " exists and is not a directory");
    }

    // 2. Filter: the same check generate's FilterTasks applies.
    List<String> kept = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    Map<String, Integer> byReason = new TreeMap<>();
    Map<String, int[]> byType = new TreeMap<>();
    List<String> reasons = new ArrayList<>();
    for (TaskRecord r : records) {
      Optional<QualityIssue> issue = TaskFilter.check(r.task(), settings);
      String type =
          r.task().type() == null || r.task().type().isBlank() ? "(none)" : r.task().type();
      int[] counts = byType.computeIfAbsent(type, t -> new int[2]);
      counts[1]++;
      if (issue.isEmpty()) {
        counts[0]++;
        kept.add(Records.toJson(r.record()));
        continue;
      }
      byReason.merge(issue.get().code(), 1, Integer::sum);
      JsonObject o = new JsonObject();
      o.addProperty("stage", FilterTasks.STAGE);
      o.addProperty("reason", issue.get().code());
      o.addProperty("detail", issue.get().detail());
      o.addProperty("where", r.where());
      o.add("record", r.record());
      rejected.add(Records.toJson(o));
      reasons.add(r.where() + ": " + issue.get().code() + ": " + issue.get().detail());
    }

    // 3. Write both files under temporary names, then rename them into place.
    Files.createDirectories(dir);
    write(dir, "kept.jsonl", kept);
    write(dir, "rejected.jsonl", rejected);

    Counts c = new Counts(kept.size(), rejected.size(), byReason, byType, reasons);
    print(c, input, dir, settings, out);
    return c;
  }

  private static void write(Path dir, String name, List<String> lines) throws IOException {
    Path tmp = dir.resolve("." + name + ".tmp");
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        dir.resolve(name),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  static void print(Counts c, Path input, Path dir, FilterSettings s, PrintStream out) {
    out.printf(
        "filter: %s: %d tasks, kept %d, rejected %d (input words %s) -> %s%n",
        input, c.kept() + c.rejected(), c.kept(), c.rejected(), bounds(s), dir);
    if (!c.byReason().isEmpty()) {
      out.println("rejected by reason:");
      c.byReason().forEach((reason, n) -> out.printf("  %-24s %5d%n", reason, n));
    }
    c.reasons().stream().limit(LISTED).forEach(r -> out.println("  " + r));
    if (c.reasons().size() > LISTED) {
      out.printf("  ... %d more in rejected.jsonl%n", c.reasons().size() - LISTED);
    }
    out.println("by task type (kept / total):");
    c.byType().forEach((type, n) -> out.printf("  %-24s %5d / %d%n", type, n[0], n[1]));
  }

  private static String bounds(FilterSettings s) {
    return s.minInputWords() == 0 && s.maxInputWords() == FilterSettings.UNBOUNDED
        ? "unbounded"
        : s.minInputWords()
            + ".."
            + (s.maxInputWords() == FilterSettings.UNBOUNDED ? "" : s.maxInputWords());
  }
}
