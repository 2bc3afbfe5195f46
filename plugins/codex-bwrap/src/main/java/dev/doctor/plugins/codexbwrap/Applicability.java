package dev.doctor.plugins.codexbwrap;

import dev.doctor.api.CheckContext;
import dev.doctor.api.ConfigNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether the check applies: Codex runs inside bwrap only on Linux and only when the
 * OpenClaw sandbox is on. Stateless.
 */
final class Applicability {

  private Applicability() {}

  /** The outcome of {@link #decide}. */
  sealed interface Decision permits Applies, DoesNotApply {}

  /** The check applies; the settings it read come along. */
  record Applies(SandboxSettings settings) implements Decision {}

  /** The check does not apply, for {@code reason}; {@code evidence} holds what was looked at. */
  record DoesNotApply(String reason, Map<String, String> evidence) implements Decision {}

  static Decision decide(CheckContext ctx) {
    var evidence = new LinkedHashMap<String, String>();
    evidence.put("platform", ctx.platform().os().name().toLowerCase(Locale.ROOT));
    if (!ctx.platform().isLinux()) {
      return new DoesNotApply("not Linux: Codex uses bwrap only on Linux", evidence);
    }
    if (!ctx.config().usable()) {
      return new DoesNotApply("the gateway config could not be read, so the sandbox mode is unknown", evidence);
    }
    SandboxSettings settings = SandboxSettings.from(ctx.config());
    ConfigNode mode = settings.mode();
    if (!mode.isPresent()) {
      evidence.put("sandbox.mode", "unset");
      return new DoesNotApply(SandboxSettings.MODE_PATH + " is unset, so the sandbox is off", evidence);
    }
    if (!mode.isString()) {
      evidence.put("sandbox.mode", "not a string (" + mode.kind().name().toLowerCase(Locale.ROOT) + ")");
      return new DoesNotApply(SandboxSettings.MODE_PATH + " is not a mode name", evidence);
    }
    String name = settings.modeName();
    evidence.put("sandbox.mode", name);
    if (name.isEmpty()) {
      return new DoesNotApply(SandboxSettings.MODE_PATH + " is empty, so the sandbox is off", evidence);
    }
    if (name.equalsIgnoreCase("off")) {
      return new DoesNotApply(SandboxSettings.MODE_PATH + " is off", evidence);
    }
    return new Applies(settings);
  }
}
