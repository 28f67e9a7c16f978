package org.medinstruct.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON parser's error as a user reads it: {@code line L, column C: malformed JSON (reason)},
 * without the parser's class names, advice to go lenient, or links.
 */
public final class JsonSyntax {
  private static final Pattern LOCATION =
      Pattern.compile("\\s*at line (\\d+) column (\\d+)(?: path \\S*)?");

  private JsonSyntax() {}

  /**
   * Describes {@code e}, a parse error of text that starts on line {@code firstLine} of its file (1
   * for a whole file; the line number for one JSONL line).
   */
  public static String describe(Throwable e, long firstLine) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = String.valueOf(root.getMessage());
    int see = msg.indexOf("\nSee ");
    msg = see >= 0 ? msg.substring(0, see) : msg;
    // A wrapped exception's message starts with the wrapped class name: drop it.
    msg = msg.replaceFirst("^[a-z]+(\\.[a-zA-Z_$0-9]+)+: ", "");
    Matcher m = LOCATION.matcher(msg);
    String where = "";
    if (m.find()) {
      long line = firstLine + Long.parseLong(m.group(1)) - 1;
      where = "line " + line + ", column " + m.group(2) + ": ";
      msg = m.replaceAll("");
    } else {
      where = "line " + firstLine + ": ";
    }
    return where + "malformed JSON (" + reason(msg.strip()) + ")";
  }

  private static String reason(String msg) {
    if (msg.startsWith("Use JsonReader.set")) {
      return "syntax error";
    }
    if (msg.equals("Expected value")) {
      return "expected a value";
    }
    if (msg.startsWith("End of input")) {
      return "unexpected end of input";
    }
    if (msg.isEmpty() || msg.equals("null")) {
      return "syntax error";
    }
    return msg.substring(0, 1).toLowerCase(Locale.ROOT) + msg.substring(1);
  }
}
