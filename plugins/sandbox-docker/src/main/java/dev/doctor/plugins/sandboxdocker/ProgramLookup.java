package dev.doctor.plugins.sandboxdocker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a program on a {@code PATH} value the way a shell would, so the check knows which file it
 * is about to run and can say so when there is none. Stateless.
 */
final class ProgramLookup {

  private ProgramLookup() {}

  /**
   * The first executable regular file named {@code program} in the directories of {@code path}.
   * Empty and relative entries are ignored: they would depend on doctor's working directory.
   *
   * @param path a {@code PATH} value (entries separated by the platform's path separator); may be null
   * @param windows whether to try {@code program.exe} as well
   */
  static Optional<Path> find(String program, String path, boolean windows) {
    if (path == null) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>(List.of(program));
    if (windows) {
      names.add(program + ".exe");
    }
    for (String entry : path.split(File.pathSeparator)) {
      Path dir;
      try {
        dir = Path.of(entry);
      } catch (InvalidPathException e) {
        continue;
      }
      if (entry.isEmpty() || !dir.isAbsolute()) {
        continue;
      }
      for (String name : names) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The file behind symlinks, for evidence; the path itself when it cannot be resolved. */
  static Path realPath(Path program) {
    try {
      return program.toRealPath();
    } catch (IOException | SecurityException e) {
      return program;
    }
  }
}
