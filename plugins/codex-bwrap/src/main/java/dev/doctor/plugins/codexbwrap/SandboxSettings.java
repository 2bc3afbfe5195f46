package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.GatewayConfig;
import java.util.Locale;

/**
 * One OpenClaw sandbox block ({@code agents.defaults.sandbox} or an agent's override) as this
 * check reads it. Immutable.
 *
 * @param mode the {@code sandbox.mode} node (possibly missing); never null
 * @param network the {@code sandbox.docker.network} node (possibly missing); never null
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

  /** Whether the mode turns the sandbox on: a string other than empty or {@code off}. */
  boolean isOn() {
    return isOn(mode);
  }

  static boolean isOn(ConfigNode mode) {
    if (!mode.isString()) {
      return false;
    }
    String name = mode.text().trim();
    return !name.isEmpty() && !name.equalsIgnoreCase("off");
  }

  /**
   * Whether Docker sandbox containers may reach the network. Unset, empty and {@code none} keep
   * them offline, which is also when Codex turns run without egress and bwrap needs a network
   * namespace of its own. A value that is not a string cannot name a network, so it counts as
   * offline: that way the stricter network probe still runs.
   */
  boolean egressEnabled() {
    return egressEnabled(network);
  }

  static boolean egressEnabled(ConfigNode network) {
    if (!network.isString()) {
      return false;
    }
    String name = network.text().trim().toLowerCase(Locale.ROOT);
    return !name.isEmpty() && !name.equals("none");
  }

  /** The network setting and what it means, e.g. {@code unset (egress off)}, {@code bridge (egress on)}. */
  String networkDescription() {
    return networkDescription(network);
  }

  static String networkDescription(ConfigNode network) {
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
    return setting + (egressEnabled(network) ? " (egress on)" : " (egress off)");
  }
}
