package dev.doctor.plugins.sandboxdocker;

import dev.doctor.api.ConfigNode;
import java.util.List;

/**
 * The sandbox of one agent as OpenClaw resolves it: per-agent values over
 * {@code agents.defaults.sandbox}, over OpenClaw's defaults. Immutable.
 *
 * @param label who this is: {@code agents.entries.<id>}, or {@code agents.defaults} when the config
 *     has no agent roster and the implicit agent runs on the defaults; never null
 * @param mode {@code off}, {@code non-main} or {@code all} (lower-cased as written); never null
 * @param backend the backend id, lower-cased; never null
 * @param engine the container engine for the backend; null for {@code ssh}, {@code openshell}, ...
 * @param sharedScope whether the scope resolves to {@code shared}, where OpenClaw ignores the
 *     agent's own {@code docker} and {@code browser} blocks
 * @param image the sandbox image; never null
 * @param network {@code docker.network}; never null
 * @param browserEnabled {@code browser.enabled}
 * @param browserImage the browser image; never null
 * @param browserNetwork {@code browser.network}; never null
 * @param namespaceJoinAllowed {@code docker.dangerouslyAllowContainerNamespaceJoin}
 * @param dockerBlocks the {@code docker} objects that feed this sandbox, defaults first; never null
 * @param browserBlocks the {@code browser} objects likewise; never null
 */
record SandboxedAgent(
    String label,
    String mode,
    String backend,
    Engine engine,
    boolean sharedScope,
    Setting image,
    Setting network,
    boolean browserEnabled,
    Setting browserImage,
    Setting browserNetwork,
    boolean namespaceJoinAllowed,
    List<ConfigNode> dockerBlocks,
    List<ConfigNode> browserBlocks) {

  /** Sandboxed, on a local container engine: what this check is about. */
  boolean applies() {
    return sandboxed() && engine != null;
  }

  boolean sandboxed() {
    return !mode.equals("off");
  }

  /** The sandbox browser runs only on the Docker engine. */
  boolean usesBrowser() {
    return browserEnabled && engine == Engine.DOCKER;
  }
}
