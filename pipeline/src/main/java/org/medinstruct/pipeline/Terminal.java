package org.medinstruct.pipeline;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether stdout is an interactive terminal that may show a live progress bar: there is a console
 * (on Java 17, stdin and stdout are both terminals), {@code TERM} is set and not {@code dumb}, and
 * {@code NO_COLOR} is not set (its users ask for plain output). Pipes, files and CI get plain lines
 * with no escape codes and no carriage returns.
 */
public final class Terminal {
  private Terminal() {}

  /** This process's stdout. */
  public static boolean interactive() {
    return interactive(System.console() != null, System.getenv());
  }

  static boolean interactive(boolean console, Map<String, String> env) {
    String term = env.get("TERM");
    String noColor = env.get("NO_COLOR");
    return console
        && term != null
        && !term.isBlank()
        && !term.equals("dumb")
        && (noColor == null || noColor.isEmpty());
  }

  /** Columns of the terminal: {@code COLUMNS}, else {@code stty size} on /dev/tty, else 80. */
  public static int columns() {
    Integer fromEnv = parse(System.getenv("COLUMNS"));
    if (fromEnv != null) {
      return fromEnv;
    }
    try {
      Process p =
          new ProcessBuilder("stty", "size")
              .redirectInput(new File("/dev/tty"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String[] rowsCols =
            new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                .strip()
                .split("\\s+");
        Integer cols = rowsCols.length == 2 ? parse(rowsCols[1]) : null;
        if (cols != null) {
          return cols;
        }
      }
      p.destroy();
    } catch (java.io.IOException e) {
      // No stty or no /dev/tty: the default.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 80;
  }

  private static Integer parse(String s) {
    try {
      int n = s == null ? 0 : Integer.parseInt(s.strip());
      return n >= 20 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
