package org.medinstruct.tasks;

/**
 * Detects lettered answer choices in a task input: "A)", "(A)", "A.", "A:" and lower-case "a)",
 * on separate lines or inline. A marker counts only at the start of the text or after whitespace,
 * a comma, semicolon, colon or quote, and only when followed by whitespace or the end, so
 * "vitamin A." closing a sentence still counts but "HbA1c" or "A.M." do not. Choices are present
 * when both A and B (same case) are found.
 */
public final class Choices {
  private Choices() {}

  public static boolean present(String input) {
    if (input == null) {
      return false;
    }
    boolean upperA = false;
    boolean upperB = false;
    boolean lowerA = false;
    boolean lowerB = false;
    int n = input.length();
    for (int i = 0; i < n; i++) {
      if (i > 0 && !boundary(input.charAt(i - 1))) {
        continue;
      }
      int j = input.charAt(i) == '(' ? i + 1 : i;
      if (j + 1 >= n) {
        continue;
      }
      char letter = input.charAt(j);
      char mark = input.charAt(j + 1);
      boolean closes = mark == ')' || mark == '.' || mark == ':';
      boolean followed = j + 2 == n || Character.isWhitespace(input.charAt(j + 2));
      if (!closes || !followed) {
        continue;
      }
      upperA |= letter == 'A';
      upperB |= letter == 'B';
      lowerA |= letter == 'a';
      lowerB |= letter == 'b';
    }
    return (upperA && upperB) || (lowerA && lowerB);
  }

  private static boolean boundary(char c) {
    return Character.isWhitespace(c) || ",;:\"'“".indexOf(c) >= 0;
  }
}
