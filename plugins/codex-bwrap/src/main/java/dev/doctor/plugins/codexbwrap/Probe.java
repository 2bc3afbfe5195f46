package dev.doctor.plugins.codexbwrap;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands this check runs. The bwrap probes start a sandbox exactly as Codex's Linux sandbox
 * does (minus its bind mounts of writable roots); the unshare probes ask the kernel for one
 * namespace kind at a time, which narrows down what a bwrap failure was about.
 */
enum Probe {
  BWRAP_VERSION("bwrap-version"),
  BWRAP("bwrap"),
  BWRAP_NET("bwrap-net"),
  USER("user"),
  NETWORK("network"),
  MOUNT("mount");

  private final String label;

  Probe(String label) {
    this.label = label;
  }

  /** Used in evidence keys ({@code probe.<label>.result}). */
  String label() {
    return label;
  }

  boolean isBwrap() {
    return this == BWRAP_VERSION || this == BWRAP || this == BWRAP_NET;
  }

  /** The argv; {@code bwrap} is the bwrap path (ignored by the unshare probes). */
  List<String> argv(String bwrap) {
    return switch (this) {
      case BWRAP_VERSION -> List.of(bwrap, "--version");
      case BWRAP -> sandbox(bwrap, false);
      case BWRAP_NET -> sandbox(bwrap, true);
      case USER -> List.of("unshare", "--user", "--map-root-user", "true");
      // An unprivileged process may only create these from inside a user namespace, as bwrap does.
      case NETWORK -> List.of("unshare", "--user", "--map-root-user", "--net", "true");
      case MOUNT -> List.of("unshare", "--user", "--map-root-user", "--mount", "true");
    };
  }

  private static List<String> sandbox(String bwrap, boolean isolateNetwork) {
    var argv = new ArrayList<>(List.of(
        bwrap, "--new-session", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev",
        "--unshare-user", "--unshare-pid"));
    if (isolateNetwork) {
      argv.add("--unshare-net");
    }
    argv.addAll(List.of("--proc", "/proc", "--", "true"));
    return List.copyOf(argv);
  }
}
