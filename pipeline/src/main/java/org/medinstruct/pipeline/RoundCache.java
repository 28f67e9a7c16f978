package org.medinstruct.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.medinstruct.llm.LlmSettings;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.Records;
import org.medinstruct.pipeline.options.GenerateOptions;

/**
 * Finished rounds of {@code generate}, kept under {@code <cacheDir>/rounds/<key>/} so that a rerun
 * with the same cache skips them: a round's job is a pure function of what it is keyed by, and of
 * the LLM answers it reads from the journal.
 *
 * <p>The key is a SHA-256 over: this cache's format version; the code (every class and resource
 * under {@code org/medinstruct} of the modules on the classpath, so any change of the code starts
 * afresh); every medinstruct option except the output directory, the cache directory, the key file
 * and the endpoint URL (which is replaced by the name the journal keys on, as the built-in
 * simulated endpoint listens on a new port every run), with the contents of every file an option
 * names; the seed tasks, the evaluation items and the instruction template; the round's plan
 * (round, first request index, request count); and the pool the round dedups against (the sorted
 * pool lines of the earlier rounds).
 *
 * <p>A round is saved only when it has no failed record (a rerun must retry those requests, and a
 * budget refusal depends on the spend so far), together with the length and SHA-256 of every
 * journal segment when it finished; it is reused only if every such segment still starts with those
 * bytes (the journal is append-only, so nothing the round read was removed or changed). Usage
 * records of a reused round are marked as served from the journal, as a rerun would see them.
 * Nothing is saved or reused with {@code --refreshCache}, without a cache directory or when the
 * cache or the output is not a local path. The API key is never read, hashed or stored.
 */
final class RoundCache {
  private static final String VERSION = "medinstruct-round-cache-1";
  private static final String MANIFEST = "round.json";
  private static final List<String> NOT_KEYED =
      List.of("getOutput", "getCacheDir", "getLlmApiKeyFile", "getLlmBaseUrl", "getEndpointLabel");

  private final Path rounds;
  private final Path journalDir;
  private final byte[] fixed;
  private final Map<Path, SegmentDigest> segments = new HashMap<>();

  private RoundCache(Path rounds, Path journalDir, byte[] fixed) {
    this.rounds = rounds;
    this.journalDir = journalDir;
    this.fixed = fixed;
  }

  /** The cache of this run, or null when rounds are neither saved nor reused. */
  static RoundCache open(
      GenerateOptions options,
      LlmSettings llm,
      String template,
      List<MedTask> seeds,
      List<MedTask> evaluation) {
    String cacheDir = options.getCacheDir();
    if (cacheDir == null
        || cacheDir.isBlank()
        || cacheDir.contains("://")
        || options.getOutput().contains("://")
        || options.getRefreshCache()) {
      return null;
    }
    MessageDigest d = sha256();
    update(d, VERSION);
    update(d, codeDigest());
    update(d, optionsJson(options));
    boolean modelScope =
        llm.safeguards() != null
            && llm.safeguards().journalScope() == org.medinstruct.llm.Safeguards.JournalScope.MODEL;
    update(
        d,
        "journal-endpoint:"
            + (modelScope
                ? "model-scope"
                : llm.endpointId() != null ? llm.endpointId() : llm.baseUrl()));
    update(d, "template:" + template);
    for (MedTask t : seeds) {
      update(d, "seed:" + Records.toJson(Records.task(t)));
    }
    for (MedTask t : evaluation) {
      update(d, "evaluation:" + Records.toJson(Records.task(t)));
    }
    Path cache = Path.of(cacheDir);
    return new RoundCache(cache.resolve("rounds"), cache, d.digest());
  }

  /** The key of a round's job. */
  String key(GeneratePipeline.RoundPlan plan) throws IOException {
    MessageDigest d = sha256();
    d.update(fixed);
    update(d, "round:" + plan.round() + ":" + plan.firstRequest() + ":" + plan.requests());
    List<String> pool = new ArrayList<>();
    for (String dir : plan.poolDirs()) {
      ShardFiles.forEachLine(dir, OutputRecord.POOL, pool::add);
    }
    pool.sort(Comparator.naturalOrder());
    for (String line : pool) {
      update(d, line);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * Puts the saved round {@code key} into {@code dir} (usage marked as served from the journal) and
   * returns true, or returns false when there is no valid saved round.
   */
  boolean restore(String key, String dir) {
    Path saved = rounds.resolve(key);
    Path manifest = saved.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    JsonObject m;
    try {
      m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
      for (var e : m.getAsJsonArray("journal")) {
        JsonObject s = e.getAsJsonObject();
        Path segment = journalDir.resolve(s.get("segment").getAsString());
        if (!segment.getFileName().toString().equals(s.get("segment").getAsString())
            || !s.get("sha256")
                .getAsString()
                .equals(segmentDigest(segment, s.get("bytes").getAsLong()))) {
          return false;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false; // unreadable manifest: the round runs again
    }
    Path target = Path.of(dir);
    try {
      Files.createDirectories(target);
      for (var f : m.getAsJsonArray("files")) {
        String name = f.getAsString();
        Path from = saved.resolve(name);
        Path to = target.resolve(name);
        if (name.startsWith(OutputRecord.USAGE + "-")) {
          List<String> lines = new ArrayList<>();
          for (String line : Files.readAllLines(from, StandardCharsets.UTF_8)) {
            lines.add(line.isEmpty() ? line : servedFromJournal(line));
          }
          Files.write(to, lines, StandardCharsets.UTF_8);
        } else {
          link(from, to);
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      deleteTree(target); // a damaged saved round: the round runs again
      return false;
    }
  }

  /** Saves the finished round in {@code dir} under {@code key}, unless it has failed records. */
  void save(String key, String dir, PrintStream out) {
    Path saved = rounds.resolve(key);
    Path temp = rounds.resolve("." + key + ".tmp-" + UUID.randomUUID());
    try {
      if (ShardFiles.count(dir, OutputRecord.FAILED) > 0 || Files.exists(saved)) {
        return;
      }
      Files.createDirectories(temp);
      JsonArray files = new JsonArray();
      try (DirectoryStream<Path> found =
          Files.newDirectoryStream(Path.of(dir), "*" + WriteShards.SUFFIX)) {
        for (Path f : found) {
          link(f, temp.resolve(f.getFileName()));
          files.add(f.getFileName().toString());
        }
      }
      JsonArray journal = new JsonArray();
      List<Path> segs = new ArrayList<>();
      try (DirectoryStream<Path> found = Files.newDirectoryStream(journalDir, "journal-*.jsonl")) {
        found.forEach(segs::add);
      }
      segs.sort(Comparator.naturalOrder());
      for (Path s : segs) {
        long bytes = Files.size(s);
        JsonObject o = new JsonObject();
        o.addProperty("segment", s.getFileName().toString());
        o.addProperty("bytes", bytes);
        o.addProperty("sha256", segmentDigest(s, bytes));
        journal.add(o);
      }
      JsonObject m = new JsonObject();
      m.addProperty("format", VERSION);
      m.add("files", files);
      m.add("journal", journal);
      Files.writeString(temp.resolve(MANIFEST), Records.toJson(m) + "\n");
      Files.move(temp, saved, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      out.println(
          "round cache: could not save the round (" + e.getMessage() + "); a rerun runs it again");
    } finally {
      deleteTree(temp);
    }
  }

  /** A usage shard line as a rerun served from the journal records it. */
  static String servedFromJournal(String shardLine) {
    OutputRecord r = OutputRecord.fromShardLine(OutputRecord.USAGE, shardLine);
    JsonObject u = JsonParser.parseString(r.json()).getAsJsonObject();
    u.addProperty("fromCache", true);
    u.addProperty("attempts", 0);
    return new OutputRecord(OutputRecord.USAGE, r.sortKey(), Records.toJson(u)).shardLine();
  }

  /** SHA-256 of the first {@code bytes} bytes of a segment, or "" when it is shorter. */
  private String segmentDigest(Path segment, long bytes) {
    try {
      if (!Files.isRegularFile(segment) || Files.size(segment) < bytes) {
        return "";
      }
      SegmentDigest s = segments.get(segment);
      if (s == null || s.hashed > bytes) {
        s = new SegmentDigest();
        segments.put(segment, s);
      }
      if (s.hashed < bytes) {
        try (InputStream in = Files.newInputStream(segment)) {
          in.skipNBytes(s.hashed);
          byte[] buf = new byte[1 << 16];
          while (s.hashed < bytes) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, bytes - s.hashed));
            if (n < 0) {
              return "";
            }
            s.digest.update(buf, 0, n);
            s.hashed += n;
          }
        }
      }
      return HexFormat.of().formatHex(((MessageDigest) s.digest.clone()).digest());
    } catch (IOException | CloneNotSupportedException e) {
      return "";
    }
  }

  /** A running digest of a segment's first {@code hashed} bytes (segments only grow). */
  private static final class SegmentDigest {
    final MessageDigest digest = sha256();
    long hashed;
  }

  /** The medinstruct options that can change what a round writes, as sorted JSON. */
  static String optionsJson(GenerateOptions options) {
    Map<String, String> values = new TreeMap<>();
    for (Method m : GenerateOptions.class.getMethods()) {
      String name = m.getName();
      if (m.getParameterCount() != 0
          || !m.getDeclaringClass().getName().startsWith("org.medinstruct.")
          || !(name.startsWith("get") || name.startsWith("is"))
          || NOT_KEYED.contains(name)) {
        continue;
      }
      Object v;
      try {
        v = m.invoke(options);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("option " + name + ": " + e.getMessage(), e);
      }
      StringBuilder s = new StringBuilder(String.valueOf(v));
      if (v instanceof String str) {
        for (String part : str.split(",")) {
          Path p = Path.of(part.strip());
          try {
            if (!part.isBlank() && Files.isRegularFile(p)) {
              s.append(" sha256=")
                  .append(HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(p))));
            }
          } catch (IOException | RuntimeException e) {
            s.append(" unreadable");
          }
        }
      }
      values.put(name, s.toString());
    }
    JsonObject o = new JsonObject();
    values.forEach(o::addProperty);
    return Records.toJson(o);
  }

  /** SHA-256 over the project's classes and resources (org/medinstruct) of both modules. */
  private static String codeDigest() {
    MessageDigest d = sha256();
    for (Class<?> c :
        List.of(GeneratePipeline.class, org.medinstruct.dedup.DistributedDedup.class)) {
      try {
        Path location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        update(d, "module:" + c.getName());
        if (Files.isDirectory(location)) {
          Path root = location.resolve("org/medinstruct");
          List<Path> files;
          try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
          }
          for (Path f : files) {
            update(d, root.relativize(f).toString());
            d.update(Files.readAllBytes(f));
          }
        } else {
          try (JarFile jar = new JarFile(location.toFile())) {
            List<JarEntry> entries =
                jar.stream()
                    .filter(e -> !e.isDirectory() && e.getName().startsWith("org/medinstruct/"))
                    .sorted(Comparator.comparing(JarEntry::getName))
                    .toList();
            for (JarEntry e : entries) {
              update(d, e.getName());
              try (InputStream in = jar.getInputStream(e)) {
                d.update(in.readAllBytes());
              }
            }
          }
        }
      } catch (IOException | URISyntaxException | RuntimeException e) {
        // Unknown code: a key no other run shares, so nothing is reused.
        update(d, "unknown-code:" + UUID.randomUUID());
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a leftover hidden temporary directory is never read
    }
  }

  private static void update(MessageDigest d, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.update(
        Arrays.copyOf(
            new byte[] {
              (byte) (b.length >>> 24),
              (byte) (b.length >>> 16),
              (byte) (b.length >>> 8),
              (byte) b.length
            },
            4));
    d.update(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
