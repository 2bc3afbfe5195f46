package dev.doctor.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real programs that tests hand doctor's output to (promtool, node_exporter, zsh). A developer
 * without one sees the test skipped with the reason; under CI ({@code CI=true}), where
 * {@code .ci/run} installs them, a missing program fails the test instead of skipping it silently.
 */
public final class Programs {

  private Programs() {}

  /** The first of {@code names} on {@code PATH}; skips (or under CI fails) the test when there is none. */
  public static Path require(String why, String... names) {
    for (String name : names) {
      Path found = find(name);
      if (found != null) {
        return found;
      }
    }
    String reason = String.join(" / ", names) + " is not on PATH (" + why + ")";
    if ("true".equals(System.getenv("CI"))) {
      fail(reason + "; .ci/run installs it, so under CI this is a failure");
    }
    assumeTrue(false, reason + "; skipping");
    return null;
  }

  /** {@code name} on {@code PATH}, or null. */
  public static Path find(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
