package dev.doctor.plugins.codexbwrap;

import dev.doctor.testkit.ScriptedCommandRunner;

/**
 * The probe commands as tests expect them, spelled out once (not derived from {@link Probe}, so a
 * change to what the check runs shows up as a test failure).
 */
final class Argv {

  static final String BWRAP = HostTree.BWRAP;
  static final String[] VERSION = {BWRAP, "--version"};
  static final String[] SANDBOX = {
    BWRAP, "--new-session", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev",
    "--unshare-user", "--unshare-pid", "--proc", "/proc", "--", "true"
  };
  static final String[] SANDBOX_NET = {
    BWRAP, "--new-session", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev",
    "--unshare-user", "--unshare-pid", "--unshare-net", "--proc", "/proc", "--", "true"
  };
  static final String[] USER = {"unshare", "--user", "--map-root-user", "true"};
  static final String[] NETWORK = {"unshare", "--user", "--map-root-user", "--net", "true"};
  static final String[] MOUNT = {"unshare", "--user", "--map-root-user", "--mount", "true"};

  static final String VERSION_LINE = line(VERSION);
  static final String SANDBOX_LINE = line(SANDBOX);
  static final String SANDBOX_NET_LINE = line(SANDBOX_NET);
  static final String USER_LINE = line(USER);
  static final String NETWORK_LINE = line(NETWORK);
  static final String MOUNT_LINE = line(MOUNT);

  private Argv() {}

  static String line(String... argv) {
    return String.join(" ", argv);
  }

  /** A runner whose bwrap reports {@code version}; add failures, then {@link #allElsePasses}. */
  static ScriptedCommandRunner bwrapVersion(String version) {
    return new ScriptedCommandRunner().on(VERSION).succeeds("bubblewrap " + version + "\n");
  }

  /** Every command not scripted before exits 0. */
  static ScriptedCommandRunner allElsePasses(ScriptedCommandRunner runner) {
    runner.otherwise().succeeds();
    return runner;
  }
}
