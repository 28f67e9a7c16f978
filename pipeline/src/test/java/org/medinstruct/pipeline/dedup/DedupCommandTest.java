package org.medinstruct.pipeline.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.dedup.SyntheticInstructions;
import org.medinstruct.model.UserInputException;

class DedupCommandTest {
  @TempDir Path dir;

  private static final String A =
      "{\"instruction\": \"Explain the pathophysiology of type 2 diabetes.\", \"input\":"
          + " \"<noinput>\", \"difficulty\": 3, \"extra\": {\"k\": [1, 2.50]}}";
  private static final String B =
      "{\"instruction\":\"Describe \\u0130stanbul's \u212Aelvin caf\u00e9 \u7cd6 \ud83d\ude37"
          + " rules\"}";
  private static final String A2 =
      "{\"instruction\": \"EXPLAIN the pathophysiology of type-2 diabetes mellitus!\"}";
  private static final String SEED_COPY =
      "{\"instruction\": \"List three first-line drugs for hypertension.\", \"id\": 7}";

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static List<JsonObject> jsonLines(Path p) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    for (String l : Files.readAllLines(p)) {
      out.add(JsonParser.parseString(l).getAsJsonObject());
    }
    return out;
  }

  @Test
  void givenGreedy_writesKeptLinesByteForByteAndDroppedWithNearestAndReason() throws Exception {
    Path in = write("in.jsonl", A + "\n" + B + "\r\n\n" + A2 + "\n" + SEED_COPY);
    Path pool =
        write("seeds.json", "[{\"question\": \"List three first line drugs for hypertension?\"}]");
    Path out = dir.resolve("out");

    DedupCommand.run(
        new String[] {
          "--input=" + in, "--output=" + out, "--dedupPolicy=greedy", "--pool=" + pool
        });

    assertArrayEquals(
        (A + "\n" + B + "\r\n").getBytes(StandardCharsets.UTF_8),
        Files.readAllBytes(out.resolve("kept.jsonl")));
    List<JsonObject> dropped = jsonLines(out.resolve("dropped.jsonl"));
    assertEquals(2, dropped.size());
    assertEquals(
        "Explain the pathophysiology of type 2 diabetes.",
        dropped.get(0).get("nearest").getAsString());
    assertEquals("duplicate", dropped.get(0).get("reason").getAsString());
    assertTrue(dropped.get(0).get("rougeL").getAsDouble() > 0.7);
    assertEquals(
        "List three first line drugs for hypertension?",
        dropped.get(1).get("nearest").getAsString());
    assertEquals(1.0, dropped.get(1).get("rougeL").getAsDouble());
    assertEquals(7, dropped.get(1).get("id").getAsInt());
    try (var files = Files.list(out)) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void givenDropAll_dropsBothMembersOfAPair() throws Exception {
    Path in = write("in.jsonl", A + "\n" + B + "\n" + A2 + "\n");
    Path out = dir.resolve("out");
    DedupCommand.run(new String[] {"--input=" + in, "--output=" + out, "--dedupPolicy=drop-all"});
    assertEquals(B + "\n", Files.readString(out.resolve("kept.jsonl")));
    assertEquals(2, jsonLines(out.resolve("dropped.jsonl")).size());
  }

  @Test
  void givenDecontaminationFiles_dropsMatchesFirstWithTheTestItem() throws Exception {
    Path in = write("in.jsonl", A + "\n" + A2 + "\n" + B + "\n");
    Path exam =
        write(
            "exam.jsonl",
            "{\"question\": \"Explain the pathophysiology of type 2" + " diabetes mellitus.\"}\n");
    Path other = write("other.json", "[]");
    Path out = dir.resolve("out");
    DedupCommand.run(
        new String[] {
          "--input=" + in,
          "--output=" + out,
          "--dedupPolicy=greedy",
          "--decontaminate=" + exam + "," + other,
          "--decontaminationThreshold=0.8"
        });
    List<JsonObject> dropped = jsonLines(out.resolve("dropped.jsonl"));
    assertEquals(2, dropped.size());
    for (JsonObject d : dropped) {
      assertEquals("decontaminated", d.get("reason").getAsString());
      assertEquals(
          "Explain the pathophysiology of type 2 diabetes mellitus.",
          d.get("nearest").getAsString());
    }
    assertEquals(B + "\n", Files.readString(out.resolve("kept.jsonl")));
  }

  @Test
  void givenMalformedLine_failsNamingFileAndLineAndWritesNothing() throws Exception {
    Path in = write("in.jsonl", A + "\n\n{\"instruction\": \"x\",}\n");
    Path out = dir.resolve("out");
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () ->
                DedupCommand.run(
                    new String[] {"--input=" + in, "--output=" + out, "--dedupPolicy=greedy"}));
    assertTrue(e.getMessage().contains(in + ": line 3, column "), e.getMessage());
    assertFalse(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("gson"), e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void givenRecordWithoutInstruction_failsNamingTheLine() throws Exception {
    Path in = write("in.jsonl", A + "\n{\"instruction\": null, \"input\": \"x\"}\n");
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () ->
                DedupCommand.run(
                    new String[] {
                      "--input=" + in, "--output=" + dir.resolve("o"), "--dedupPolicy=greedy"
                    }));
    assertTrue(
        e.getMessage().contains("line 2") && e.getMessage().contains("instruction"),
        e.getMessage());
    Path pool = write("pool.json", "[{\"instruction\": \"a\"}, {\"text\": \"b\"}]");
    e =
        assertThrows(
            UserInputException.class,
            () ->
                DedupCommand.run(
                    new String[] {
                      "--input=" + write("ok.jsonl", A),
                      "--output=" + dir.resolve("o"),
                      "--dedupPolicy=greedy",
                      "--pool=" + pool
                    }));
    assertTrue(e.getMessage().contains(pool + " element 1"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("o")));
  }

  @Test
  void givenUnknownOptionOrPolicy_failsAsUserInput() throws Exception {
    Path in = write("in.jsonl", A);
    assertThrows(
        UserInputException.class,
        () ->
            DedupCommand.run(
                new String[] {
                  "--input=" + in,
                  "--output=" + dir.resolve("o"),
                  "--dedupPolicy=greedy",
                  "--treshold=0.5"
                }));
    assertThrows(
        UserInputException.class,
        () ->
            DedupCommand.run(
                new String[] {
                  "--input=" + in, "--output=" + dir.resolve("o"), "--dedupPolicy=keep-best"
                }));
    assertThrows(
        UserInputException.class,
        () ->
            DedupCommand.run(
                new String[] {
                  "--input=" + in,
                  "--output=" + dir.resolve("o"),
                  "--dedupPolicy=greedy",
                  "--dedupThreshold=1.5"
                }));
    UserInputException renamed =
        assertThrows(
            UserInputException.class,
            () ->
                DedupCommand.run(
                    new String[] {
                      "--input=" + in, "--output=" + dir.resolve("o"), "--threshold=0.5"
                    }));
    assertTrue(
        renamed.getMessage().contains("--threshold was renamed --dedupThreshold"),
        renamed.getMessage());
    assertThrows(
        UserInputException.class,
        () ->
            DedupCommand.run(
                new String[] {
                  "--input=" + dir.resolve("missing.jsonl"),
                  "--output=" + dir.resolve("o"),
                  "--dedupPolicy=greedy"
                }));
    assertFalse(Files.exists(dir.resolve("o")));
  }

  @Test
  void givenAlpacareSampleAndSeeds_accountsForEveryRecordAndKeepsLinesExact() throws Exception {
    Path data = Path.of(System.getProperty("medinstruct.shared", "../shared"), "data/alpacare");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(data), "no shared data");
    Path in = data.resolve("gpt4_generation_sample.jsonl");
    Path out = dir.resolve("out");
    DedupCommand.run(
        new String[] {
          "--input=" + in,
          "--output=" + out,
          "--dedupPolicy=drop-all",
          "--pool=" + data.resolve("med_seed.json")
        });
    List<String> input = Files.readAllLines(in);
    List<String> kept = Files.readAllLines(out.resolve("kept.jsonl"));
    List<JsonObject> dropped = jsonLines(out.resolve("dropped.jsonl"));
    assertEquals(input.size(), kept.size() + dropped.size());
    assertTrue(input.containsAll(kept));
    for (JsonObject d : dropped) {
      assertTrue(d.get("rougeL").getAsDouble() > 0.7);
    }
  }

  @Test
  void givenEmptyInput_writesEmptyFiles() throws Exception {
    Path out = dir.resolve("out");
    DedupCommand.run(
        new String[] {
          "--input=" + write("in.jsonl", ""), "--output=" + out, "--dedupPolicy=greedy"
        });
    assertEquals(0, Files.size(out.resolve("kept.jsonl")));
    assertEquals(0, Files.size(out.resolve("dropped.jsonl")));
  }

  @Test
  void givenSyntheticCorpus_prefixAndBruteforceWriteIdenticalFiles() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (String s : SyntheticInstructions.generate(400, 21)) {
      JsonObject o = new JsonObject();
      o.addProperty("instruction", s);
      jsonl.append(o).append('\n');
    }
    Path in = write("in.jsonl", jsonl.toString());
    for (String policy : List.of("greedy", "drop-all")) {
      Path fast = dir.resolve("fast-" + policy);
      Path slow = dir.resolve("slow-" + policy);
      DedupCommand.run(
          new String[] {"--input=" + in, "--output=" + fast, "--dedupPolicy=" + policy});
      DedupCommand.run(
          new String[] {
            "--input=" + in,
            "--output=" + slow,
            "--dedupPolicy=" + policy,
            "--dedupAlgorithm=bruteforce"
          });
      for (String f : List.of("kept.jsonl", "dropped.jsonl")) {
        assertArrayEquals(
            Files.readAllBytes(slow.resolve(f)),
            Files.readAllBytes(fast.resolve(f)),
            policy + " " + f);
      }
      assertTrue(Files.size(fast.resolve("dropped.jsonl")) > 0);
    }
  }

  @Test
  void givenSyntheticCorpusPoolAndEvaluation_distributedWritesTheSameFilesAsBruteforce()
      throws Exception {
    List<String> texts = SyntheticInstructions.generate(260, 23);
    StringBuilder jsonl = new StringBuilder();
    for (String s : texts.subList(30, texts.size())) {
      JsonObject o = new JsonObject();
      o.addProperty("instruction", s);
      jsonl.append(o).append('\n');
    }
    StringBuilder pool = new StringBuilder();
    for (String s : texts.subList(0, 30)) {
      JsonObject o = new JsonObject();
      o.addProperty("instruction", s);
      pool.append(o).append('\n');
    }
    StringBuilder eval = new StringBuilder();
    for (String s : texts.subList(60, 66)) {
      JsonObject o = new JsonObject();
      o.addProperty("question", s + " please");
      eval.append(o).append('\n');
    }
    Path in = write("in.jsonl", jsonl.toString());
    Path poolFile = write("pool.jsonl", pool.toString());
    Path evalFile = write("eval.jsonl", eval.toString());
    for (String policy : List.of("greedy", "drop-all")) {
      Path dist = dir.resolve("dist-" + policy);
      Path slow = dir.resolve("slow-" + policy);
      // A tiny hot-key bound forces posting lists to be split into buckets.
      DedupCommand.run(
          new String[] {
            "--input=" + in,
            "--output=" + dist,
            "--dedupPolicy=" + policy,
            "--pool=" + poolFile,
            "--decontaminate=" + evalFile,
            "--dedupAlgorithm=distributed",
            "--hotKeyBound=8",
            "--enforceImmutability=false"
          });
      DedupCommand.run(
          new String[] {
            "--input=" + in,
            "--output=" + slow,
            "--dedupPolicy=" + policy,
            "--pool=" + poolFile,
            "--decontaminate=" + evalFile,
            "--dedupAlgorithm=bruteforce"
          });
      for (String f : List.of("kept.jsonl", "dropped.jsonl")) {
        assertArrayEquals(
            Files.readAllBytes(slow.resolve(f)),
            Files.readAllBytes(dist.resolve(f)),
            policy + " " + f);
      }
      String dropped = Files.readString(dist.resolve("dropped.jsonl"));
      assertTrue(dropped.contains("\"decontaminated\"") && dropped.contains("\"duplicate\""));
    }
    Path empty = dir.resolve("empty");
    DedupCommand.run(
        new String[] {
          "--input=" + write("none.jsonl", ""),
          "--output=" + empty,
          "--dedupPolicy=greedy",
          "--dedupAlgorithm=distributed"
        });
    assertEquals(0, Files.size(empty.resolve("kept.jsonl")));
    assertEquals(0, Files.size(empty.resolve("dropped.jsonl")));
  }
}
