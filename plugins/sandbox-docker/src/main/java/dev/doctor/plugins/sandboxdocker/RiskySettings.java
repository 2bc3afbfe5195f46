package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.ConfigNode;
import dev.doctor.api.Finding;
import dev.doctor.api.Remediation;
import dev.doctor.api.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Findings from the config alone: engine sockets bind-mounted into sandboxes, capabilities kept,
 * {@code dangerously*} overrides, disabled confinement, and network modes OpenClaw refuses. Never
 * reads {@code docker.env} or {@code setupCommand}, whose values may be secrets. Stateless.
 */
final class RiskySettings {

  private static final Map<String, String> DANGEROUS_OVERRIDES =
      Map.of(
          "dangerouslyAllowContainerNamespaceJoin",
          "sandboxes may join another container's network namespace (network \"container:<id>\"), which bypasses their network isolation",
          "dangerouslyAllowExternalBindSources",
          "bind mounts may come from anywhere on the host, not only from the agent workspaces",
          "dangerouslyAllowReservedContainerTargets",
          "bind mounts may cover /workspace and /agent, hiding OpenClaw's own mounts inside the sandbox");

  private RiskySettings() {}

  static List<Finding> scan(List<SandboxedAgent> agents, SocketPaths sockets) {
    // The defaults blocks feed every agent: look at each block once.
    var dockerBlocks = new LinkedHashMap<String, ConfigNode>();
    var browserBlocks = new LinkedHashMap<String, ConfigNode>();
    for (SandboxedAgent agent : agents) {
      agent.dockerBlocks().forEach(b -> dockerBlocks.putIfAbsent(b.path(), b));
      if (agent.usesBrowser()) {
        agent.browserBlocks().forEach(b -> browserBlocks.putIfAbsent(b.path(), b));
      }
    }
    var findings = new ArrayList<Finding>();
    for (ConfigNode docker : dockerBlocks.values()) {
      socketBinds(docker.get("binds"), sockets, findings);
      capabilities(docker.get("capDrop"), findings);
      overrides(docker, findings);
      confinement(docker.get("seccompProfile"), "seccomp syscall filtering", findings);
      confinement(docker.get("apparmorProfile"), "AppArmor confinement", findings);
    }
    for (ConfigNode browser : browserBlocks.values()) {
      socketBinds(browser.get("binds"), sockets, findings);
    }
    networkModes(agents, findings);
    return findings;
  }

  private static void socketBinds(ConfigNode binds, SocketPaths sockets, List<Finding> findings) {
    for (ConfigNode bind : binds.items()) {
      if (!bind.isString()) {
        continue;
      }
      String source = SocketPaths.bindSource(bind.text());
      Optional<String> exposure = sockets.exposure(source);
      if (exposure.isEmpty()) {
        continue;
      }
      findings.add(
          Finding.builder(
                  SandboxDockerCheck.SOCKET_MOUNTED,
                  Severity.ERROR,
                  "A sandbox bind mounts the container engine's socket: " + source + " (" + exposure.get() + ")")
              .at(bind)
              .evidence("bind", bind.text())
              .evidence("source", source)
              .evidence("why", exposure.get())
              .remediation(
                  Remediation.of(
                      "Remove this bind. Whoever reaches the Docker (or Podman) socket controls the engine, which is"
                          + " root on the host: code in the sandbox could start a privileged container that mounts"
                          + " the host's filesystem. OpenClaw refuses to create sandbox containers with it anyway. If"
                          + " an agent must build or run containers, do that outside the sandbox."))
              .build());
    }
  }

  private static void capabilities(ConfigNode capDrop, List<Finding> findings) {
    if (!capDrop.isArray()) {
      return;
    }
    List<String> dropped = capDrop.items().stream().map(n -> n.text("")).toList();
    if (dropped.stream().anyMatch(c -> c.strip().equalsIgnoreCase("ALL"))) {
      return;
    }
    findings.add(
        Finding.builder(
                SandboxDockerCheck.CAPABILITIES_KEPT,
                Severity.WARNING,
                capDrop.path() + " does not drop ALL, so sandbox containers keep the engine's default capabilities")
            .at(capDrop)
            .evidence("capDrop", dropped.isEmpty() ? "(empty)" : String.join(", ", dropped))
            .remediation(
                Remediation.of(
                    "OpenClaw drops every capability by default (capDrop: [\"ALL\"]). With this list the sandbox keeps"
                        + " the rest of the engine's default set, such as NET_RAW (raw packets, spoofing), CHOWN,"
                        + " DAC_OVERRIDE, SETUID and SETGID, which widen what a compromised tool can do. Remove"
                        + " capDrop, or include \"ALL\" in it."))
            .build());
  }

  private static void overrides(ConfigNode docker, List<Finding> findings) {
    for (String key : List.of(
        "dangerouslyAllowContainerNamespaceJoin",
        "dangerouslyAllowExternalBindSources",
        "dangerouslyAllowReservedContainerTargets")) {
      ConfigNode flag = docker.get(key);
      if (!flag.bool(false)) {
        continue;
      }
      findings.add(
          Finding.builder(
                  SandboxDockerCheck.DANGEROUS_OVERRIDE,
                  Severity.WARNING,
                  flag.path() + " is on: " + DANGEROUS_OVERRIDES.get(key))
              .at(flag)
              .remediation(
                  Remediation.of(
                      "Remove the override unless you depend on it and fully trust every agent that uses this"
                          + " sandbox; without it OpenClaw keeps the protection."))
              .build());
    }
  }

  private static void confinement(ConfigNode profile, String what, List<Finding> findings) {
    if (!profile.isString() || !profile.text().strip().equalsIgnoreCase("unconfined")) {
      return;
    }
    findings.add(
        Finding.builder(
                SandboxDockerCheck.CONFINEMENT_DISABLED,
                Severity.ERROR,
                profile.path() + " is \"unconfined\": it turns off " + what + " for sandbox containers")
            .at(profile)
            .remediation(
                Remediation.of(
                    "OpenClaw rejects this value: the config fails validation and sandbox containers are not"
                        + " created. Remove the setting to keep the engine's default profile, or name a custom"
                        + " profile."))
            .build());
  }

  private static void networkModes(List<SandboxedAgent> agents, List<Finding> findings) {
    var seen = new LinkedHashMap<String, List<String>>();
    var refused = new LinkedHashMap<String, Finding.Builder>();
    for (SandboxedAgent agent : agents) {
      String network = agent.network().value().toLowerCase(Locale.ROOT);
      if (network.equals("host")) {
        refused.computeIfAbsent(agent.network().path(), p -> refused(
            agent.network(), "OpenClaw refuses network \"host\" for sandboxes: it bypasses container network isolation",
            "Use \"none\" (no egress, the default), \"bridge\", or a custom bridge network."));
      } else if (network.startsWith("container:") && !agent.namespaceJoinAllowed()) {
        refused.computeIfAbsent(agent.network().path(), p -> refused(
            agent.network(),
            "OpenClaw refuses network \"" + agent.network().value() + "\": joining another container's namespace bypasses sandbox network isolation",
            "Use a custom bridge network instead. dangerouslyAllowContainerNamespaceJoin lifts the block, but only"
                + " do that when you fully trust this runtime."));
      }
      if (agent.usesBrowser()) {
        String browser = agent.browserNetwork().value().toLowerCase(Locale.ROOT);
        if (browser.equals("none") || browser.equals("host")
            || (browser.startsWith("container:") && !agent.namespaceJoinAllowed())) {
          refused.computeIfAbsent(agent.browserNetwork().path(), p -> refused(
              agent.browserNetwork(),
              "The sandbox browser cannot use network \"" + agent.browserNetwork().value() + "\": OpenClaw refuses it for the browser container",
              "Remove browser.network to use the dedicated openclaw-sandbox-browser network, or use \"bridge\" or"
                  + " another custom bridge network; the browser needs a published CDP port, so \"none\" cannot"
                  + " work, and \"host\" bypasses isolation."));
        }
        seen.computeIfAbsent(agent.browserNetwork().path(), p -> new ArrayList<>()).add(agent.label());
      }
      seen.computeIfAbsent(agent.network().path(), p -> new ArrayList<>()).add(agent.label());
    }
    refused.forEach((path, builder) -> findings.add(
        builder.evidence("used-by", seen.getOrDefault(path, List.of()).stream().distinct().collect(Collectors.joining(", "))).build()));
  }

  private static Finding.Builder refused(Setting network, String message, String fix) {
    return Finding.builder(SandboxDockerCheck.NETWORK_REFUSED, Severity.ERROR, message)
        .at(network.node())
        .evidence("network", network.value())
        .remediation(Remediation.of(fix));
  }
}
