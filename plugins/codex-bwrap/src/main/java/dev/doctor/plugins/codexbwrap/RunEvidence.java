package dev.doctor.plugins.codexbwrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The evidence of a run that applied, whatever its outcome. Stateless. */
final class RunEvidence {

  private RunEvidence() {}

  /**
   * What was read and probed: the settings, which probes ran with their results, and for each
   * namespace that was not probed, why not.
   */
  static Map<String, String> of(SandboxSettings settings, List<Namespace> needed, List<ProbeOutcome> outcomes) {
    var evidence = new LinkedHashMap<String, String>();
    evidence.put("platform", "linux");
    evidence.put("sandbox.mode", settings.modeName());
    evidence.put("sandbox.docker.network", settings.networkDescription());
    evidence.put(
        "probes", outcomes.stream().map(o -> o.namespace().label()).collect(Collectors.joining(", ")));
    for (ProbeOutcome outcome : outcomes) {
      String prefix = "probe." + outcome.namespace().label() + ".";
      evidence.put(prefix + "command", outcome.command());
      evidence.put(prefix + "result", outcome.summary());
      if (outcome.firstStderrLine() != null) {
        evidence.put(prefix + "stderr", outcome.firstStderrLine());
      }
    }
    for (Namespace namespace : Namespace.values()) {
      if (outcomes.stream().noneMatch(o -> o.namespace() == namespace)) {
        String why =
            needed.contains(namespace)
                ? "not run: an earlier probe failed"
                : "not run: Docker sandbox egress is on, so Codex shares the container's network";
        evidence.put("probe." + namespace.label() + ".result", why);
      }
    }
    return evidence;
  }
}
