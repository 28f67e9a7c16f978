package org.medinstruct.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medinstruct.model.JsonSyntax;
import org.medinstruct.model.MedTask;
import org.medinstruct.model.StrictUtf8;
import org.medinstruct.model.UserInputException;

/**
 * Reads a JSONL file of tasks for {@code respond}: one object per line with an instruction and,
 * optionally, input, id, type, topic, view and difficulty. Errors name the file and the line.
 */
final class TaskFile {
  private TaskFile() {}

  static List<MedTask> read(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StrictUtf8.decode(bytes);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new UserInputException(file + ": not valid UTF-8");
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    List<MedTask> tasks = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      JsonObject o;
      try {
        JsonElement e = JsonParser.parseString(line);
        if (!e.isJsonObject()) {
          throw new UserInputException(where + ": expected a JSON object");
        }
        o = e.getAsJsonObject();
      } catch (JsonParseException e) {
        throw new UserInputException(file + ": " + JsonSyntax.describe(e, i + 1), e);
      }
      String instruction = string(o, "instruction");
      if (instruction == null || instruction.isBlank()) {
        throw new UserInputException(where + ": record has no instruction");
      }
      String input = string(o, "input");
      String id = string(o, "id");
      // Round 0 and the line number as request index: the output keeps input order.
      tasks.add(
          new MedTask(
              id == null ? String.format("task-%06d", i + 1) : id,
              string(o, "type"),
              string(o, "topic"),
              string(o, "view"),
              string(o, "difficulty"),
              instruction,
              input == null || input.isBlank() ? MedTask.NO_INPUT : input,
              0,
              i + 1,
              0,
              List.of()));
    }
    if (tasks.isEmpty()) {
      throw new UserInputException(file + ": no tasks (the file is empty)");
    }
    return tasks;
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull()
        ? null
        : e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }
}
