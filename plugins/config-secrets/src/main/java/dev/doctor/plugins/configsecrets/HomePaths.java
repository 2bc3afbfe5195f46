package dev.doctor.plugins.configsecrets;

import dev.doctor.api.CheckContext;
import java.nio.file.Path;

/**
 * Expands {@code ~} in configured paths the way OpenClaw does (home-dir.ts): {@code OPENCLAW_HOME}
 * first, then {@code HOME}. Relative paths are left relative; callers decide what that means.
 */
final class HomePaths {

  private HomePaths() {}

  /** Throws {@link java.nio.file.InvalidPathException} for text that is no path (a NUL byte). */
  static Path expandHome(String raw, CheckContext ctx) {
    String t = raw.trim();
    if (t.equals("~") || t.startsWith("~/")) {
      t = home(ctx) + t.substring(1);
    }
    return Path.of(t);
  }

  static String home(CheckContext ctx) {
    String osHome = ctx.env("HOME").map(String::trim).filter(h -> !h.isEmpty()).orElse(System.getProperty("user.home"));
    String openclawHome = ctx.env("OPENCLAW_HOME").map(String::trim).filter(h -> !h.isEmpty()).orElse(null);
    if (openclawHome == null) {
      return osHome;
    }
    if (openclawHome.equals("~") || openclawHome.startsWith("~/")) {
      return osHome + openclawHome.substring(1);
    }
    return openclawHome;
  }
}
