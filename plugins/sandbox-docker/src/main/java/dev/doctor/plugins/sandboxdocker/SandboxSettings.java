package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.GatewayConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the sandbox of every agent from the gateway config, resolving per-agent overrides the way
 * OpenClaw does ({@code resolveSandboxConfigForAgent}): agent value, else the
 * {@code agents.defaults.sandbox} value, else OpenClaw's built-in default. Stateless.
 */
final class SandboxSettings {

  static final String DEFAULTS = "agents.defaults.sandbox";
  static final String ENTRIES = "agents.entries";

  static final String DEFAULT_IMAGE = "openclaw-sandbox:bookworm-slim";
  static final String DEFAULT_COMMON_IMAGE = "openclaw-sandbox-common:bookworm-slim";
  static final String DEFAULT_BROWSER_IMAGE = "openclaw-sandbox-browser:bookworm-slim";
  static final String DEFAULT_NETWORK = "none";
  static final String DEFAULT_BROWSER_NETWORK = "openclaw-sandbox-browser";

  private SandboxSettings() {}

  /**
   * One entry per agent in {@code agents.entries}; with no roster, one for the implicit agent,
   * which runs on the defaults alone.
   */
  static List<SandboxedAgent> read(GatewayConfig config) {
    ConfigNode defaults = config.at(DEFAULTS);
    ConfigNode entries = config.at(ENTRIES);
    var agents = new ArrayList<SandboxedAgent>();
    if (entries.isObject() && !entries.fields().isEmpty()) {
      for (Map.Entry<String, ConfigNode> entry : entries.fields().entrySet()) {
        agents.add(resolve(entry.getValue().path(), defaults, entry.getValue().get("sandbox")));
      }
    } else {
      agents.add(resolve("agents.defaults", defaults, ConfigNode.missing(ENTRIES)));
    }
    return List.copyOf(agents);
  }

  private static SandboxedAgent resolve(String label, ConfigNode defaults, ConfigNode own) {
    String mode = firstText(own.get("mode"), defaults.get("mode")).toLowerCase(Locale.ROOT);
    if (mode.isEmpty()) {
      mode = "off";
    }
    String backend = firstText(own.get("backend"), defaults.get("backend")).toLowerCase(Locale.ROOT);
    if (backend.isEmpty()) {
      backend = "docker";
    }
    String scope = firstText(own.get("scope"), defaults.get("scope"));
    boolean shared = scope.equalsIgnoreCase("shared");

    ConfigNode defaultDocker = defaults.get("docker");
    ConfigNode defaultBrowser = defaults.get("browser");
    // Under the shared scope OpenClaw ignores an agent's own docker and browser blocks.
    ConfigNode ownDocker = shared ? ConfigNode.missing(own.path() + ".docker") : own.get("docker");
    ConfigNode ownBrowser = shared ? ConfigNode.missing(own.path() + ".browser") : own.get("browser");

    return new SandboxedAgent(
        label,
        mode,
        backend,
        Engine.forBackend(backend),
        shared,
        setting(ownDocker, defaultDocker, "image", DEFAULTS + ".docker.image", DEFAULT_IMAGE),
        setting(ownDocker, defaultDocker, "network", DEFAULTS + ".docker.network", DEFAULT_NETWORK),
        firstBool(ownBrowser.get("enabled"), defaultBrowser.get("enabled")),
        setting(ownBrowser, defaultBrowser, "image", DEFAULTS + ".browser.image", DEFAULT_BROWSER_IMAGE),
        setting(ownBrowser, defaultBrowser, "network", DEFAULTS + ".browser.network", DEFAULT_BROWSER_NETWORK),
        firstBool(
            ownDocker.get("dangerouslyAllowContainerNamespaceJoin"),
            defaultDocker.get("dangerouslyAllowContainerNamespaceJoin")),
        objects(defaultDocker, ownDocker),
        objects(defaultBrowser, ownBrowser));
  }

  /** One line per agent for evidence, e.g. {@code agents.defaults: mode all, backend docker}. */
  static String describe(List<SandboxedAgent> agents) {
    return agents.stream()
        .map(a -> a.label() + ": mode " + a.mode() + ", backend " + a.backend() + (a.sharedScope() ? ", scope shared" : ""))
        .collect(Collectors.joining("; "));
  }

  /** Why no agent needs a local container engine; for the skip reason. */
  static String whyNotApplicable(List<SandboxedAgent> agents) {
    List<SandboxedAgent> sandboxed = agents.stream().filter(SandboxedAgent::sandboxed).toList();
    if (sandboxed.isEmpty()) {
      return agents.size() == 1 && agents.get(0).label().equals("agents.defaults")
          ? DEFAULTS + ".mode is off or unset, so no agent runs sandboxed"
          : "sandbox mode is off for every agent (" + DEFAULTS + ".mode and " + ENTRIES + ".*.sandbox.mode)";
    }
    String backends = sandboxed.stream().map(SandboxedAgent::backend).distinct().collect(Collectors.joining(", "));
    return "the sandboxed agents use the " + backends + " backend, not docker or podman";
  }

  private static Setting setting(ConfigNode own, ConfigNode defaults, String key, String defaultPath, String fallback) {
    for (ConfigNode node : List.of(own.get(key), defaults.get(key))) {
      if (node.isString() && !node.text().isBlank()) {
        return new Setting(node.text().strip(), node);
      }
    }
    return new Setting(fallback, ConfigNode.missing(defaultPath));
  }

  private static String firstText(ConfigNode... nodes) {
    for (ConfigNode node : nodes) {
      if (node.isString() && !node.text().isBlank()) {
        return node.text().strip();
      }
    }
    return "";
  }

  private static boolean firstBool(ConfigNode... nodes) {
    for (ConfigNode node : nodes) {
      if (node.kind() == ConfigNode.Kind.BOOLEAN) {
        return node.bool(false);
      }
    }
    return false;
  }

  private static List<ConfigNode> objects(ConfigNode... nodes) {
    var objects = new ArrayList<ConfigNode>();
    for (ConfigNode node : nodes) {
      if (node.isObject()) {
        objects.add(node);
      }
    }
    return List.copyOf(objects);
  }
}
