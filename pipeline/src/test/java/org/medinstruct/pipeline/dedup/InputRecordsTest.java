package org.medinstruct.pipeline.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medinstruct.model.UserInputException;

class InputRecordsTest {
  @TempDir Path dir;

  @Test
  void givenManyChunksWithBlankLines_readsEveryLineInOrderWithItsNumber() throws Exception {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 30_000; i++) {
      if (i % 977 == 0) {
        text.append("   \n");
        continue;
      }
      String raw = "{\"id\":\"r" + i + "\",\"instruction\":\"task " + i + "\"}";
      text.append(raw).append(i % 2 == 0 ? "\r\n" : "\n");
      expected.add(i + "|" + raw + (i % 2 == 0 ? "\r" : "") + "|task " + i);
    }
    text.setLength(text.length() - 1); // no final line break
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, text, StandardCharsets.UTF_8);

    List<String> got = new ArrayList<>();
    for (InputRecords.Line line : InputRecords.readJsonl(file)) {
      got.add(line.number() + "|" + line.raw() + "|" + line.instruction());
    }

    assertEquals(expected, got);
  }

  @Test
  void givenBadLinesInTwoChunks_reportsTheFirstBadLine() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 20_000; i++) {
      lines.add(
          i == 15_000
              ? "{\"id\":\"x\"}"
              : i == 19_000 ? "{not json" : "{\"instruction\":\"t" + i + "\"}");
    }
    Path file = dir.resolve("bad.jsonl");
    Files.write(file, lines);

    UserInputException e =
        assertThrows(UserInputException.class, () -> InputRecords.readJsonl(file));

    assertTrue(e.getMessage().contains("line 15000"), e.getMessage());
    assertTrue(e.getMessage().contains("instruction"), e.getMessage());
  }

  @Test
  void givenEmptyFile_readsNoLines() throws Exception {
    Path file = dir.resolve("empty.jsonl");
    Files.writeString(file, "");

    assertEquals(List.of(), InputRecords.readJsonl(file));
  }
}
