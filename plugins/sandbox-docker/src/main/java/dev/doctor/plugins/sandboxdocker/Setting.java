package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.ConfigNode;

/**
 * One effective sandbox setting: its value and the config node it came from. When OpenClaw's
 * default applies, {@code node} is a missing node that still names where the setting would go.
 * Immutable.
 *
 * @param value the value in effect; never null
 * @param node where it was set, or a missing node at its defaults path; never null
 */
record Setting(String value, ConfigNode node) {

  /** True when nothing in the config set it and OpenClaw's default applies. */
  boolean isDefault() {
    return node.isMissing();
  }

  String path() {
    return node.path();
  }
}
