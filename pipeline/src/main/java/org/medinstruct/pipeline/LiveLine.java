package org.medinstruct.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The last line of an interactive terminal, redrawn in place with a carriage return: the live
 * progress bar. Everything else written to the terminal through {@link #out()} or {@link
 * #clearingFirst} erases the live line first (carriage return, spaces, carriage return), so
 * ordinary lines never mix with it; the next {@link #show} draws it again below them. No escape
 * codes: a line longer than the terminal is cut to its width, so it never wraps.
 */
public final class LiveLine extends OutputStream {
  private final OutputStream terminal;
  private final int width;
  private final java.nio.charset.Charset charset;
  private int shown;

  /** A UTF-8 terminal {@code width} columns wide. */
  public LiveLine(OutputStream terminal, int width) {
    this(terminal, width, StandardCharsets.UTF_8);
  }

  public LiveLine(OutputStream terminal, int width, java.nio.charset.Charset charset) {
    this.terminal = terminal;
    this.width = Math.max(20, width);
    this.charset = charset;
  }

  /** True when the terminal takes UTF-8 (block characters), false for ASCII only. */
  public boolean unicode() {
    return charset.equals(StandardCharsets.UTF_8);
  }

  /** Draws {@code text} (one line) in place of the live line. */
  public synchronized void show(String text) {
    String t = text.replace('\n', ' ').replace('\r', ' ');
    if (t.length() > width - 1) {
      t = t.substring(0, width - 2) + (unicode() ? "…" : ">");
    }
    StringBuilder b = new StringBuilder("\r").append(t);
    if (shown > t.length()) {
      b.append(" ".repeat(shown - t.length()));
    }
    writeRaw(b.toString());
    shown = t.length();
  }

  /** Erases the live line, if one is shown. */
  public synchronized void clear() {
    if (shown > 0) {
      writeRaw("\r" + " ".repeat(shown) + "\r");
      shown = 0;
    }
  }

  /** True while a live line is on the screen. */
  public synchronized boolean showing() {
    return shown > 0;
  }

  private void writeRaw(String s) {
    try {
      terminal.write(s.getBytes(charset));
      terminal.flush();
    } catch (IOException e) {
      // A closed terminal: nothing to draw on.
    }
  }

  @Override
  public synchronized void write(int b) throws IOException {
    clear();
    terminal.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    clear();
    terminal.write(b, off, len);
  }

  @Override
  public synchronized void flush() throws IOException {
    terminal.flush();
  }

  /** Ordinary output to this terminal (stdout): a {@link Printer}. */
  public Printer out() {
    return new Printer(this);
  }

  /** Another stream to the same screen (stderr): it erases the live line before each write. */
  public PrintStream clearingFirst(OutputStream other) {
    LiveLine live = this;
    return new PrintStream(
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            synchronized (live) {
              live.clear();
              other.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            synchronized (live) {
              live.clear();
              other.write(b, off, len);
              other.flush();
            }
          }
        },
        true,
        charset);
  }

  /** A PrintStream over a live line: {@link ProgressPrinter} draws its bar on it. */
  public static final class Printer extends PrintStream {
    private final LiveLine live;

    Printer(LiveLine live) {
      super(live, true, live.charset);
      this.live = live;
    }

    public LiveLine live() {
      return live;
    }
  }
}
