package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.GatewayConfig;
import java.util.List;
import java.util.Locale;

/**
 * The sandbox settings this check reads from the gateway config. Immutable.
 *
 * @param mode the {@code agents.defaults.sandbox.mode} node (possibly missing); never null
 * @param network the {@code agents.defaults.sandbox.docker.network} node (possibly missing); never null
 */
record SandboxSettings(ConfigNode mode, ConfigNode network) {

  static final String MODE_PATH = "agents.defaults.sandbox.mode";
  static final String NETWORK_PATH = "agents.defaults.sandbox.docker.network";

  static SandboxSettings from(GatewayConfig config) {
    return new SandboxSettings(config.at(MODE_PATH), config.at(NETWORK_PATH));
  }

  /** The mode as written, trimmed; null when it is absent, null or not a string. */
  String modeName() {
    return mode.isString() ? mode.text().trim() : null;
  }

  /**
   * Whether Docker sandbox containers may reach the network. Unset, empty and {@code none} keep
   * them offline, which is also when Codex turns run without egress and bwrap needs a network
   * namespace of its own. A value that is not a string cannot name a network, so it counts as
   * offline: that way the stricter network probe still runs.
   */
  boolean egressEnabled() {
    if (!network.isString()) {
      return false;
    }
    String name = network.text().trim().toLowerCase(Locale.ROOT);
    return !name.isEmpty() && !name.equals("none");
  }

  /**
   * The namespaces Codex's bwrap will ask for: always a user namespace, and a network namespace of
   * its own when the sandbox has no egress.
   */
  List<Namespace> namespacesCodexNeeds() {
    return egressEnabled() ? List.of(Namespace.USER) : List.of(Namespace.USER, Namespace.NETWORK);
  }

  /** The network setting and what it means, e.g. {@code unset (egress off)}, {@code bridge (egress on)}. */
  String networkDescription() {
    String setting;
    if (!network.isPresent()) {
      setting = "unset";
    } else if (!network.isString()) {
      setting = "not a string (" + network.kind().name().toLowerCase(Locale.ROOT) + ")";
    } else if (network.text().isBlank()) {
      setting = "empty";
    } else {
      setting = network.text().trim();
    }
    return setting + (egressEnabled() ? " (egress on)" : " (egress off)");
  }
}
