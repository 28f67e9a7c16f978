package org.medinstruct.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.UserInputException;

class SeedLoaderTest {
  @TempDir Path dir;

  static final String GOOD =
      "{\"type\":\"Chat\",\"topic\":\"Asthma\",\"view\":\"Patient\",\"difficulty\":\"2\","
          + "\"instruction\":\"Ask about inhalers.\",\"input\":\"<noinput>\"}";

  Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  String error(Path p) {
    return assertThrows(UserInputException.class, () -> SeedLoader.load(p)).getMessage();
  }

  @Test
  void givenJsonlWithBlankLines_loadsRecordsWithIdsAndDefaults() throws Exception {
    Path p =
        write(
            "s.jsonl",
            GOOD
                + "\n\n{\"id\":\"x-7\",\"type\":\"Rewrites\",\"difficulty\":5,"
                + "\"instruction\":\" Rewrite this. \"}\n");
    List<MedTask> seeds = SeedLoader.load(p);
    assertEquals(2, seeds.size());
    assertEquals("seed-1", seeds.get(0).id());
    assertEquals("x-7", seeds.get(1).id());
    assertEquals("Rewrite", seeds.get(1).type());
    assertEquals("5", seeds.get(1).difficulty());
    assertEquals("Rewrite this.", seeds.get(1).instruction());
    assertEquals(MedTask.NO_INPUT, seeds.get(1).input());
    assertEquals("", seeds.get(1).topic());
  }

  @Test
  void givenJsonArrayLikeAlpaCare_loadsWithIndexIds() throws Exception {
    Path p = write("s.json", "[\n" + GOOD + ",\n" + GOOD.replace("\"2\"", "4") + "\n]\n");
    List<MedTask> seeds = SeedLoader.load(p);
    assertEquals(List.of("seed-1", "seed-2"), seeds.stream().map(MedTask::id).toList());
    assertEquals("4", seeds.get(1).difficulty());
  }

  @Test
  void givenMissingFile_namesTheFile() {
    Path p = dir.resolve("nope.jsonl");
    String m = error(p);
    assertTrue(m.contains(p.toString()) && m.contains("not found"), m);
  }

  @Test
  void givenEmptyFileOrEmptyArray_saysNoRecords() throws Exception {
    Path p = write("empty.jsonl", "  \n\n");
    String m = error(p);
    assertTrue(m.startsWith(p.toString()) && m.contains("empty"), m);
    Path a = write("empty.json", "[ ]");
    String ma = error(a);
    assertTrue(ma.startsWith(a.toString()) && ma.contains("no seed records"), ma);
  }

  @Test
  void givenMalformedJsonlLine_namesFileLineAndColumn() throws Exception {
    Path p = write("bad.jsonl", GOOD + "\n\n{\"instruction\": \"x\", \"difficulty\": }\n");
    String m = error(p);
    assertTrue(m.startsWith(p + ": line 3, column "), m);
    assertTrue(m.contains("malformed JSON"), m);
  }

  @Test
  void givenMalformedJsonArray_namesElementAndGsonLocation() throws Exception {
    Path p = write("bad.json", "[\n" + GOOD + ",\n{\"instruction\": \"x\" \"difficulty\": 2}\n]");
    String m = error(p);
    assertTrue(m.startsWith(p + ": malformed JSON in array element 1 (line 3)"), m);
    assertTrue(m.contains("line 3 column"), m);
  }

  @Test
  void givenTrailingGarbageOnJsonlLine_rejectsLine() throws Exception {
    Path p = write("bad.jsonl", GOOD + " {}\n");
    String m = error(p);
    assertTrue(m.startsWith(p + ": line 1"), m);
  }

  @Test
  void givenNonUtf8Bytes_namesByteOffsetAndLine() throws Exception {
    byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[good.length + 3];
    System.arraycopy(good, 0, bad, 0, good.length);
    bad[good.length] = 'x';
    bad[good.length + 1] = (byte) 0xE9; // Latin-1 é
    bad[good.length + 2] = '\n';
    Path p = Files.write(dir.resolve("latin1.jsonl"), bad);
    String m = error(p);
    assertTrue(m.startsWith(p + ": line 2: not valid UTF-8"), m);
    assertTrue(m.contains("byte offset " + (good.length + 1)), m);
  }

  @Test
  void givenRecordWithoutInstruction_namesLine() throws Exception {
    Path p = write("s.jsonl", GOOD + "\n" + GOOD.replace("Ask about inhalers.", "  ") + "\n");
    String m = error(p);
    assertTrue(m.startsWith(p + ": line 2: ") && m.contains("instruction"), m);
    Path q = write("s.json", "[" + GOOD + ", {\"difficulty\": \"1\"}]");
    String mq = error(q);
    assertTrue(mq.startsWith(q + ": array element 1 (line 1): ") && mq.contains("instruction"), mq);
  }

  @Test
  void givenBadDifficulty_namesLineAndValue() throws Exception {
    for (String d : new String[] {"\"6\"", "0", "2.5", "\"hard\"", "null", "[3]"}) {
      Path p = write("d.jsonl", GOOD + "\n" + GOOD.replace("\"2\"", d) + "\n");
      String m = error(p);
      assertTrue(m.startsWith(p + ": line 2: ") && m.contains("difficulty"), d + " -> " + m);
    }
    Path missing = write("m.jsonl", "{\"instruction\":\"Explain asthma.\"}\n");
    assertTrue(error(missing).contains("missing difficulty"));
  }

  @Test
  void givenRecordThatIsNotAnObject_namesIt() throws Exception {
    Path p = write("s.json", "[" + GOOD + ", \"just text\"]");
    String m = error(p);
    assertTrue(m.startsWith(p + ": array element 1") && m.contains("not a JSON object"), m);
  }

  @Test
  void givenNonStringFieldOrDuplicateId_rejects() throws Exception {
    Path p = write("s.jsonl", GOOD.replace("\"Chat\"", "{\"a\":1}") + "\n");
    assertTrue(error(p).contains("'type' must be a string"));
    Path d =
        write(
            "d.jsonl",
            "{\"id\":\"a\"," + GOOD.substring(1) + "\n{\"id\":\"a\"," + GOOD.substring(1) + "\n");
    assertTrue(error(d).contains("duplicate id 'a'"));
  }

  @Test
  void givenAlpaCareMedSeed_loads167Tasks() {
    String shared = System.getProperty("medinstruct.shared");
    Path p = shared == null ? null : Path.of(shared, "data/alpacare/med_seed.json");
    assumeTrue(p != null && Files.exists(p), "AlpaCare seeds not available");
    List<MedTask> seeds = SeedLoader.load(p);
    assertEquals(167, seeds.size());
    assertEquals("seed-167", seeds.get(166).id());
    assertTrue(seeds.stream().allMatch(s -> s.difficulty().matches("[1-5]")));
  }

  @Test
  void givenContentAfterJsonArray_rejectsWithLocation() throws Exception {
    Path p = write("s.json", "[" + GOOD + "]\n{}");
    String m = error(p);
    assertTrue(m.startsWith(p + ": malformed JSON") && m.contains("after the closing"), m);
    assertTrue(m.contains("line 2"), m);
  }

  @Test
  void givenDefaultResource_loadsTheProjectSeeds() {
    assertTrue(SeedLoader.loadDefault().get(0).id().equals("seed-001"));
  }
}
