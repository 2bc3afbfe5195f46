package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.ConfigNode;
import java.util.Objects;

/**
 * One setting that makes Codex run shell commands under bwrap on this host. Immutable.
 *
 * @param source the setting as a user reads it, e.g. {@code agents.defaults.sandbox.mode=all}; never null
 * @param node the config value findings point at; never null
 * @param isolatesNetwork whether Codex then also asks bwrap for a network namespace
 * @param network why the network is or is not isolated, e.g. {@code docker.network unset (egress off)}; never null
 */
record Trigger(String source, ConfigNode node, boolean isolatesNetwork, String network) {

  Trigger {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(network, "network");
  }

  /** e.g. {@code agents.defaults.sandbox.mode=all (network isolated: docker.network unset (egress off))}. */
  String describe() {
    return source + " (" + (isolatesNetwork ? "network isolated: " : "network shared: ") + network + ")";
  }
}
