package dev.doctor.core.report;

import dev.doctor.core.fix.AtomicReplace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a report file so that a reader sees the old content or the new, never half of it: the
 * text is rendered in memory, then written by {@link AtomicReplace#write} (a forced-to-disk temp
 * file renamed over the target). An existing file keeps its mode, owner and group, and a symbolic
 * link keeps pointing at it; a new file is 0644. If rendering fails, nothing is written.
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
    AtomicReplace.write(target, bytes.toByteArray(), 0644);
  }
}
