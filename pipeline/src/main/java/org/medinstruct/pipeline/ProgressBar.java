package org.medinstruct.pipeline;

/**
 * The text of the live progress bar, e.g. {@code round 2 · responses 4,100/12,000 ▕████░░░░▏ 34% ·
 * 12 s}: an optional label, the active stage, done of total, a bar of {@link #CELLS} cells, the
 * percentage and the seconds since the run started. Pure: {@link LiveLine} draws it.
 */
final class ProgressBar {
  static final int CELLS = 20;

  private ProgressBar() {}

  static String render(String label, String stage, long done, long total, long seconds) {
    return render(label, stage, done, total, seconds, true);
  }

  /**
   * {@code unicode} false: the same in ASCII ({@code [####----]}, "-") for terminals that are not
   * UTF-8.
   */
  static String render(
      String label, String stage, long done, long total, long seconds, boolean unicode) {
    String dot = unicode ? " · " : " - ";
    long shownDone = Math.max(0, Math.min(done, total));
    int percent = total <= 0 ? 0 : (int) (shownDone * 100 / total);
    int filled = total <= 0 ? 0 : (int) (shownDone * CELLS / total);
    StringBuilder b = new StringBuilder();
    if (label != null && !label.isBlank()) {
      b.append(label).append(dot);
    }
    b.append(String.format("%s %,d/%,d ", stage, done, total))
        .append(unicode ? '▕' : '[')
        .append((unicode ? "█" : "#").repeat(filled))
        .append((unicode ? "░" : "-").repeat(CELLS - filled))
        .append(unicode ? '▏' : ']')
        .append(String.format(" %d%%%s%s", percent, dot, elapsed(seconds)));
    return b.toString();
  }

  static String elapsed(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format("%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format("%d h %02d min", seconds / 3600, (seconds / 60) % 60);
  }
}
