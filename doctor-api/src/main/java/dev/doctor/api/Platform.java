package dev.doctor.api;

import java.util.Objects;

/**
 * The operating system doctor runs on.
 *
 * @param os never null
 * @param arch as the JVM names it ({@code amd64}, {@code aarch64}); never null
 * @param osVersion the kernel or OS version string; never null, possibly empty
 */
public record Platform(Os os, String arch, String osVersion) {

  /** Operating system families that checks tell apart. */
  public enum Os {
    LINUX,
    MACOS,
    WINDOWS,
    OTHER
  }

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(osVersion, "osVersion");
  }

  public boolean isLinux() {
    return os == Os.LINUX;
  }
}
