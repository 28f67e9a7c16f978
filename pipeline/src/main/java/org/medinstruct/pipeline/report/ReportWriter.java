package org.medinstruct.pipeline.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes {@code DIR/report.html} for a run's output directory.
 *
 * <p>Input: DIR as the pipeline writes it (see {@link RunData}). Output: {@code DIR/report.html},
 * written to a temporary file in DIR and renamed over the old report, so a reader never sees a
 * half-written page. Errors: a missing or empty DIR or a malformed record file is a {@link
 * org.medinstruct.model.UserInputException} naming the file and line; nothing is written then.
 */
public final class ReportWriter {
  public static final String REPORT = "report.html";

  private ReportWriter() {}

  /** createTempFile makes the file owner-only; a report is as readable as the dataset beside it. */
  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** Writes the report and returns its path. */
  public static Path write(Path dir) {
    RunData data = RunData.read(dir);
    String html = ReportHtml.render(ReportModel.build(data));
    Path target = dir.resolve(REPORT);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".report-", ".html.tmp");
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      readableByAll(tmp);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The temporary file is already gone after a successful move.
        }
      }
    }
  }
}
