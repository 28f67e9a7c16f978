package org.medinstruct.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny test-only splitter for instruction completions (the pipeline's real parser lives
 * elsewhere): splits "N. Type: ... ###" text into field maps, tolerant of odd field-name case.
 */
final class TaskSplitter {
  private TaskSplitter() {}

  record Parsed(
      String type,
      String topic,
      String view,
      String difficulty,
      String instruction,
      String input) {}

  private static final Pattern FIELD =
      Pattern.compile(
          "(?im)^\\s*(?:\\d+\\.\\s*)?(type|topic|view|difficulty|instruction|input)\\s*:\\s*");

  /** The completion prefixed with the prompt's trailing "N. Type:", split on "###". */
  static List<Parsed> split(int first, String completion) {
    String text = first + ". Type:" + completion;
    List<Parsed> out = new ArrayList<>();
    for (String chunk : text.split("###")) {
      if (chunk.isBlank()) {
        continue;
      }
      String[] v = new String[6];
      Matcher m = FIELD.matcher(chunk);
      List<int[]> spans = new ArrayList<>();
      List<String> names = new ArrayList<>();
      while (m.find()) {
        spans.add(new int[] {m.start(), m.end()});
        names.add(m.group(1).toLowerCase());
      }
      for (int i = 0; i < spans.size(); i++) {
        int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : chunk.length();
        int idx =
            List.of("type", "topic", "view", "difficulty", "instruction", "input")
                .indexOf(names.get(i));
        if (v[idx] == null) {
          v[idx] = chunk.substring(spans.get(i)[1], end).trim();
        } else if (idx == 5 || v[5] != null) {
          // A run-on task (missing "###"): the rest lands in the first task's input.
          v[5] = v[5] + " " + chunk.substring(spans.get(i)[0], end).trim();
        }
      }
      out.add(new Parsed(v[0], v[1], v[2], v[3], v[4], v[5]));
    }
    return out;
  }
}
