package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.CheckContext;
import dev.doctor.api.ConfigNode;
import dev.doctor.api.GatewayConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether the check applies: Codex runs shell commands under bwrap on Linux when the
 * OpenClaw sandbox is on (by default or for an agent), which forces Codex to {@code
 * workspace-write}, or when the Codex harness itself is set to a bwrap sandbox. Stateless.
 */
final class Applicability {

  static final String CODEX = "plugins.entries.codex";
  static final String APP_SERVER = CODEX + ".config.appServer";

  private Applicability() {}

  /** The outcome of {@link #decide}. */
  sealed interface Decision permits Applies, DoesNotApply {}

  /**
   * The check applies because of {@code triggers} (never empty).
   *
   * @param defaults the {@code agents.defaults.sandbox} settings, reported whatever triggered
   * @param overrides the Codex {@code -c} overrides from {@code appServer.args}
   */
  record Applies(List<Trigger> triggers, SandboxSettings defaults, CodexOverrides overrides) implements Decision {
    Applies {
      triggers = List.copyOf(triggers);
    }

    /** Some trigger has Codex ask bwrap for a network namespace. */
    boolean isolatesNetwork() {
      return triggers.stream().anyMatch(Trigger::isolatesNetwork);
    }
  }

  /** The check does not apply, for {@code reason}; {@code evidence} holds what was looked at. */
  record DoesNotApply(String reason, Map<String, String> evidence) implements Decision {}

  static Decision decide(CheckContext ctx) {
    var evidence = new LinkedHashMap<String, String>();
    evidence.put("platform", ctx.platform().os().name().toLowerCase(Locale.ROOT));
    if (!ctx.platform().isLinux()) {
      return new DoesNotApply("not Linux: Codex uses bwrap only on Linux", evidence);
    }
    GatewayConfig config = ctx.config();
    if (!config.usable()) {
      return new DoesNotApply("the gateway config could not be read, so the sandbox mode is unknown", evidence);
    }
    SandboxSettings defaults = SandboxSettings.from(config);
    evidence.put("sandbox.mode", modeEvidence(defaults.mode()));

    ConfigNode enabled = config.at(CODEX + ".enabled");
    if (enabled.kind() == ConfigNode.Kind.BOOLEAN && !enabled.bool(true)) {
      evidence.put("codex.enabled", "false");
      return new DoesNotApply(CODEX + ".enabled is false, so Codex does not run", evidence);
    }

    CodexOverrides overrides = CodexOverrides.from(config.at(APP_SERVER + ".args"));
    var triggers = new ArrayList<Trigger>();
    if (defaults.isOn()) {
      triggers.add(new Trigger(
          SandboxSettings.MODE_PATH + "=" + defaults.modeName(),
          defaults.mode(),
          !defaults.egressEnabled(),
          "docker.network " + defaults.networkDescription()));
    }
    boolean agentsLooked = agentTriggers(config, defaults, triggers);
    boolean harnessLooked = harnessTrigger(config, overrides, triggers);

    if (triggers.isEmpty()) {
      String reason = defaultsOffReason(defaults);
      if (agentsLooked || harnessLooked) {
        reason += "; no agent sandbox and no Codex harness setting runs Codex under bwrap";
      }
      return new DoesNotApply(reason, evidence);
    }
    return new Applies(triggers, defaults, overrides);
  }

  static String modeEvidence(ConfigNode mode) {
    if (!mode.isPresent()) {
      return "unset";
    }
    if (!mode.isString()) {
      return "not a string (" + mode.kind().name().toLowerCase(Locale.ROOT) + ")";
    }
    return mode.text().trim();
  }

  private static String defaultsOffReason(SandboxSettings defaults) {
    ConfigNode mode = defaults.mode();
    if (!mode.isPresent()) {
      return SandboxSettings.MODE_PATH + " is unset, so the sandbox is off";
    }
    if (!mode.isString()) {
      return SandboxSettings.MODE_PATH + " is not a mode name";
    }
    if (mode.text().isBlank()) {
      return SandboxSettings.MODE_PATH + " is empty, so the sandbox is off";
    }
    return SandboxSettings.MODE_PATH + " is off";
  }

  /**
   * Per-agent sandboxes ({@code agents.entries.<id>.sandbox}) that differ from the defaults: their
   * own mode, or their own Docker network (ignored when the scope is {@code shared}, as OpenClaw
   * does). Returns whether any agent entry has a sandbox block.
   */
  private static boolean agentTriggers(GatewayConfig config, SandboxSettings defaults, List<Trigger> triggers) {
    boolean looked = false;
    String defaultScope = config.at("agents.defaults.sandbox.scope").text("agent").trim();
    for (Map.Entry<String, ConfigNode> entry : config.at("agents.entries").fields().entrySet()) {
      ConfigNode sandbox = entry.getValue().get("sandbox");
      if (!sandbox.isObject()) {
        continue;
      }
      looked = true;
      ConfigNode mode = sandbox.get("mode");
      boolean ownMode = mode.isString();
      boolean on = ownMode ? SandboxSettings.isOn(mode) : defaults.isOn();
      if (!on) {
        continue;
      }
      String scope = sandbox.get("scope").text(defaultScope).trim();
      ConfigNode ownNetwork = sandbox.at("docker.network");
      boolean usesOwnNetwork = ownNetwork.isPresent() && !scope.equalsIgnoreCase("shared");
      ConfigNode network = usesOwnNetwork ? ownNetwork : defaults.network();
      if (!ownMode && !usesOwnNetwork) {
        continue;
      }
      String prefix = "agents.entries." + entry.getKey() + ".sandbox.";
      String source = ownMode
          ? prefix + "mode=" + mode.text().trim()
          : prefix + "docker.network=" + ownNetwork.text("(not a string)").trim() + " (mode inherited: " + defaults.modeName() + ")";
      triggers.add(new Trigger(
          source,
          ownMode ? mode : ownNetwork,
          !SandboxSettings.egressEnabled(network),
          "docker.network " + SandboxSettings.networkDescription(network)));
    }
    return looked;
  }

  /**
   * The Codex harness: {@code tools.exec.mode: "auto"} forces guardian's {@code workspace-write};
   * otherwise {@code appServer.sandbox} ({@code workspace-write} or {@code read-only}, both run
   * under bwrap), or {@code appServer.mode: "guardian"} when no sandbox is named. Returns whether
   * a Codex harness setting was there to look at.
   */
  private static boolean harnessTrigger(GatewayConfig config, CodexOverrides overrides, List<Trigger> triggers) {
    ConfigNode codex = config.at(CODEX);
    ConfigNode sandbox = config.at(APP_SERVER + ".sandbox");
    ConfigNode mode = config.at(APP_SERVER + ".mode");
    ConfigNode execMode = config.at("tools.exec.mode");
    String sandboxName = lower(sandbox);
    String networkNote = workspaceWriteNetwork(overrides);
    boolean isolated = !overrides.networkAccess().orElse(false);

    if (codex.isObject() && "auto".equals(lower(execMode))) {
      triggers.add(new Trigger(
          "tools.exec.mode=auto (Codex turns use guardian's sandbox workspace-write)", execMode, isolated, networkNote));
    } else if ("workspace-write".equals(sandboxName)) {
      triggers.add(new Trigger(APP_SERVER + ".sandbox=workspace-write", sandbox, isolated, networkNote));
    } else if ("read-only".equals(sandboxName)) {
      triggers.add(new Trigger(APP_SERVER + ".sandbox=read-only", sandbox, true, "read-only turns have no network"));
    } else if (sandboxName == null && "guardian".equals(lower(mode))) {
      triggers.add(new Trigger(
          APP_SERVER + ".mode=guardian (expands to sandbox workspace-write)", mode, isolated, networkNote));
    }
    return sandbox.isPresent() || mode.isPresent() || (codex.isObject() && execMode.isPresent());
  }

  private static String workspaceWriteNetwork(CodexOverrides overrides) {
    return overrides.networkAccess()
        .map(on -> CodexOverrides.NETWORK_ACCESS + "=" + on + " (appServer.args)")
        .orElse(CodexOverrides.NETWORK_ACCESS + " not set (Codex default: no network)");
  }

  private static String lower(ConfigNode node) {
    return node.isString() ? node.text().trim().toLowerCase(Locale.ROOT) : null;
  }
}
