package dev.doctor.core.run;

import dev.doctor.api.Platform;
import java.util.Locale;

/** Reads the {@link Platform} the JVM runs on. */
public final class Platforms {

  private Platforms() {}

  public static Platform current() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Platform.Os os;
    if (name.contains("linux")) {
      os = Platform.Os.LINUX;
    } else if (name.contains("mac") || name.contains("darwin")) {
      os = Platform.Os.MACOS;
    } else if (name.contains("windows")) {
      os = Platform.Os.WINDOWS;
    } else {
      os = Platform.Os.OTHER;
    }
    return new Platform(os, System.getProperty("os.arch", ""), System.getProperty("os.version", ""));
  }
}
