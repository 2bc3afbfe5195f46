package dev.doctor.core.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file so that a reader sees the old content or the new, never half of it: the text goes
 * to a temp file in the same directory, is forced to disk, and is renamed over the target. An
 * existing target keeps its permissions.
 */
public final class AtomicFile {

  /** Produces the file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer writer) throws IOException;
  }

  private AtomicFile() {}

  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Set<PosixFilePermission> keep = null;
    if (Files.exists(absolute) && Files.getFileAttributeView(absolute, PosixFileAttributeView.class) != null) {
      keep = Files.getPosixFilePermissions(absolute);
    }
    Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
        content.writeTo(writer);
        writer.flush();
        channel.force(true);
      }
      if (keep != null) {
        Files.setPosixFilePermissions(temp, keep);
      } else if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
        // createTempFile makes 0600; a report is meant to be read like any new file.
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException ignored) {
        // Not every file system lets a directory be opened for sync; the rename itself is done.
      }
    }
  }
}
