package dev.doctor.plugins.codexbwrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads host files ({@code /proc}, {@code /sys}, {@code /etc}) below a filesystem root: {@code /}
 * in production, a fixture tree in tests. Never throws for what the host can do: a missing or
 * unreadable file is a value. Immutable and thread-safe.
 */
final class HostFiles {

  // /proc and /sys files are tiny; a cap keeps a hostile or odd file from filling memory.
  private static final int MAX_BYTES = 256 * 1024;

  private final Path root;

  HostFiles(Path root) {
    this.root = root;
  }

  /** The filesystem root everything is read below. */
  Path root() {
    return root;
  }

  /** Where the absolute host path {@code absolute} (e.g. {@code /proc/version}) is on this machine. */
  Path onHost(String absolute) {
    String relative = absolute.replaceFirst("^/+", "");
    return relative.isEmpty() ? root : root.resolve(relative);
  }

  /** The host path (as the host names it) of {@code onHost}, a path below {@link #root()}. */
  String hostName(Path onHost) {
    Path base = realRoot();
    Path p = onHost.toAbsolutePath().normalize();
    if (p.startsWith(base)) {
      return "/" + base.relativize(p).toString();
    }
    return p.toString();
  }

  private Path realRoot() {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root.toAbsolutePath().normalize();
    }
  }

  /** The file's content, or why there is none. */
  Read read(String absolute) {
    Path file = onHost(absolute);
    try (InputStream in = Files.newInputStream(file)) {
      return new Read(Read.State.PRESENT, new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8), "");
    } catch (NoSuchFileException | NotDirectoryException e) {
      return new Read(Read.State.ABSENT, "", "");
    } catch (AccessDeniedException e) {
      return new Read(Read.State.UNREADABLE, "", "permission denied");
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // Reading a directory or a file the kernel refuses ends here too.
      return new Read(Files.exists(file) ? Read.State.UNREADABLE : Read.State.ABSENT, "", why);
    }
  }

  boolean exists(String absolute) {
    return Files.exists(onHost(absolute));
  }

  /** Like {@link #exists} but a symbolic link counts even when its target does not ({@code /proc/self/ns/*}). */
  boolean existsAsLink(String absolute) {
    return Files.exists(onHost(absolute), LinkOption.NOFOLLOW_LINKS);
  }

  boolean isDirectory(String absolute) {
    return Files.isDirectory(onHost(absolute));
  }

  /** Regular files directly in {@code absoluteDir}, by name; empty if it is missing or unreadable. */
  List<String> regularFiles(String absoluteDir) {
    var names = new ArrayList<String>();
    try (Stream<Path> entries = Files.list(onHost(absoluteDir))) {
      entries.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }

  /**
   * What reading one file came to.
   *
   * @param state never null
   * @param text the content when {@code PRESENT}, else empty; never null
   * @param error why it could not be read when {@code UNREADABLE}; never null
   */
  record Read(State state, String text, String error) {

    /** Whether the file was there and readable. */
    enum State {
      PRESENT,
      ABSENT,
      UNREADABLE
    }

    boolean present() {
      return state == State.PRESENT;
    }

    /** The first line, trimmed; empty when absent or unreadable. */
    String firstLine() {
      return text.lines().map(String::strip).findFirst().orElse("");
    }

    /** For evidence: the trimmed first line, {@code absent}, or {@code unreadable (why)}. */
    String display() {
      return switch (state) {
        case PRESENT -> firstLine();
        case ABSENT -> "absent";
        case UNREADABLE -> "unreadable (" + error + ")";
      };
    }

    /** The content as an integer, or null when absent, unreadable or not a number. */
    Long asLong() {
      if (!present()) {
        return null;
      }
      try {
        return Long.parseLong(firstLine());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
