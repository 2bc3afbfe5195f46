package dev.doctor.core.report;

import dev.doctor.core.fix.AtomicReplace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a report file so that a reader sees the old content or the new, never half of it: the
 * text is rendered in memory, then written by {@link AtomicReplace#write} (a forced-to-disk temp
 * file renamed over the target). An existing file keeps its mode, owner and group, and a symbolic
 * link keeps pointing at it; a new file is 0644. If rendering fails, nothing is written.
 *
 * <p>A target that exists but is neither a regular file nor a directory ({@code /dev/stderr}, a
 * named pipe) is written to directly: there is nothing to replace atomically, and renaming a file
 * over a device would destroy it.
 */
public final class AtomicFile {

  /** Produces the file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer writer) throws IOException;
  }

  private AtomicFile() {}

  public static void write(Path target, Content content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      content.writeTo(writer);
    }
    if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
      try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
        bytes.writeTo(out);
      }
      return;
    }
    AtomicReplace.write(target, bytes.toByteArray(), 0644);
  }
}
