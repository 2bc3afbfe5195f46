package dev.doctor.plugins.codexbwrap;

import java.util.List;

/**
 * A namespace kind that Codex's nested bwrap creates for {@code workspace-write} shell commands,
 * with the probe that stands in for it and the error Codex prints when the host refuses it.
 */
enum Namespace {
  USER(
      "user",
      List.of("unshare", "--user", "--map-root-user", "true"),
      "bwrap: setting up uid map: Permission denied"),
  // unshare needs the user namespace too: an unprivileged process may only create a network
  // namespace from inside one, exactly as bwrap does.
  NETWORK(
      "network",
      List.of("unshare", "--user", "--map-root-user", "--net", "true"),
      "bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted");

  private final String label;
  private final List<String> probeArgv;
  private final String codexSymptom;

  Namespace(String label, List<String> probeArgv, String codexSymptom) {
    this.label = label;
    this.probeArgv = probeArgv;
    this.codexSymptom = codexSymptom;
  }

  /** Lower-case name used in messages and evidence keys ({@code user}, {@code network}). */
  String label() {
    return label;
  }

  List<String> probeArgv() {
    return probeArgv;
  }

  /** The line Codex shows when bwrap cannot create this namespace. */
  String codexSymptom() {
    return codexSymptom;
  }
}
