package dev.doctor.core.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process runs as root. Stateless and thread-safe. */
public final class Privileges {

  private Privileges() {}

  /** True when the effective user is root (uid 0). */
  public static boolean isRoot() {
    try {
      // /proc/self belongs to the process's effective user.
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (uid instanceof Integer n) {
        return n == 0;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
      // No /proc (macOS): fall back to the user name.
    }
    return "root".equals(System.getProperty("user.name"));
  }
}
