package org.medinstruct.tasks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects answer choices in a multiple-choice task input, in the ways clinicians write them:
 *
 * <ul>
 *   <li>lettered or numbered markers, inline or one per line: "A)", "(A)", "A.", "A:", "a)", "1)",
 *       "(1)", "1."; choices are present when the first two of one series (A and B, a and b, 1 and
 *       2) are found. A marker counts only at the start of the text or after whitespace, a comma,
 *       semicolon, colon, slash or quote, and only when followed by whitespace or the end, so
 *       "vitamin A." still counts but "HbA1c", "A.M." and "1.5 mg" do not;
 *   <li>an "Options:", "Choices:", "Answer choices:" or "Answers:" list with at least two items
 *       separated by commas, semicolons, slashes, "or" or line breaks;
 *   <li>at least two short lines (12 words or fewer, not questions) after a line ending in "?" or
 *       ":", or at least two bulleted lines ("-", "*", "•").
 * </ul>
 */
public final class Choices {
  private static final Pattern OPTIONS_LIST =
      Pattern.compile(
          "\\b(?:options|choices|answer\\s+choices|answer\\s+options|answers)\\s*:\\s*(.+)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ITEM_SEPARATOR = Pattern.compile("\\s*(?:[,;/|\\n]|\\bor\\b)\\s*");
  private static final Pattern BULLET = Pattern.compile("^\\s*[-*•]\\s+\\S.*");

  private Choices() {}

  public static boolean present(String input) {
    if (input == null) {
      return false;
    }
    return markers(input) || optionsList(input) || lines(input);
  }

  private static boolean markers(String input) {
    boolean[] seen = new boolean[6]; // A, B, a, b, 1, 2
    int n = input.length();
    for (int i = 0; i < n; i++) {
      if (i > 0 && !boundary(input.charAt(i - 1))) {
        continue;
      }
      int j = input.charAt(i) == '(' ? i + 1 : i;
      if (j + 1 >= n) {
        continue;
      }
      char marker = input.charAt(j);
      char mark = input.charAt(j + 1);
      boolean closes = mark == ')' || mark == '.' || mark == ':';
      boolean followed = j + 2 == n || Character.isWhitespace(input.charAt(j + 2));
      if (!closes || !followed) {
        continue;
      }
      int k = "ABab12".indexOf(marker);
      if (k >= 0) {
        seen[k] = true;
      }
    }
    return (seen[0] && seen[1]) || (seen[2] && seen[3]) || (seen[4] && seen[5]);
  }

  private static boolean optionsList(String input) {
    Matcher m = OPTIONS_LIST.matcher(input);
    while (m.find()) {
      String rest = m.group(1);
      // The list ends at a blank line or at the next "Label:" such as "Symptom:".
      rest = rest.split("\\n\\s*\\n|\\s/\\s*[A-Z][\\w ]{0,20}:")[0];
      int items = 0;
      for (String item : ITEM_SEPARATOR.split(rest.strip())) {
        items += item.isBlank() ? 0 : 1;
      }
      if (items >= 2) {
        return true;
      }
    }
    return false;
  }

  private static boolean lines(String input) {
    String[] lines = input.strip().split("\\R");
    int bullets = 0;
    int shortAfterQuestion = 0;
    boolean afterQuestion = false;
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      bullets += BULLET.matcher(line).matches() ? 1 : 0;
      if (afterQuestion && TaskFilter.words(l) <= 12 && !l.endsWith("?") && !l.endsWith(":")) {
        shortAfterQuestion++;
      } else {
        afterQuestion = l.endsWith("?") || l.endsWith(":");
        shortAfterQuestion = 0;
      }
      if (bullets >= 2 || shortAfterQuestion >= 2) {
        return true;
      }
    }
    return false;
  }

  private static boolean boundary(char c) {
    return Character.isWhitespace(c) || ",;:/\"'“".indexOf(c) >= 0;
  }
}
