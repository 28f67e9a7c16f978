package org.medinstruct.tasks;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects lettered answer choices in a task input: "A)", "(A)", "A.", "A:" and lower-case "a)",
 * on separate lines or inline. A marker counts only at a line start or after whitespace or a
 * comma/semicolon, and only when followed by whitespace, so "vitamin A." at the end of the text
 * or "HbA1c" do not count.
 */
public final class Choices {
  private static final Pattern MARKER =
      Pattern.compile("(?:^|(?<=[\\s,;:\"'“]))\\(?([A-Ea-e])(?:\\)|\\.|:)(?=\\s)", Pattern.MULTILINE);

  private Choices() {}

  /** True when choices A and B (same case) and, if present, no gaps before them are found. */
  public static boolean present(String input) {
    if (input == null) {
      return false;
    }
    Set<Character> upper = new HashSet<>();
    Set<Character> lower = new HashSet<>();
    Matcher m = MARKER.matcher(input + " ");
    while (m.find()) {
      char c = m.group(1).charAt(0);
      (Character.isUpperCase(c) ? upper : lower).add(c);
    }
    return (upper.contains('A') && upper.contains('B'))
        || (lower.contains('a') && lower.contains('b'));
  }
}
